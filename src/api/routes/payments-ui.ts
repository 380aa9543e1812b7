/**
 * The 还款 screen's API: a bank payment file uploaded for a portfolio (each line posted once, refused
 * lines with their line, column and reason), the recent payments in the actor's case scope, and the
 * portfolio's allocation order. Posting one payment and reversing one are in money.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../domain/roles';
import { AppError, invalid } from '../../errors';
import { importPaymentFile } from '../../services/payment-file';
import { getAllocationOrder, listPayments, paymentsPostedAt } from '../../services/payments-list';
import { setAllocationOrder } from '../../services/portfolios';
import { decodeText } from '../../services/qa-parse';
import { requireActor } from '../app';
import { ErrorBody } from '../contract';
import {
  AllocationOrderBody,
  AllocationOrderUpdateBody,
  PaymentFileResultBody,
  PaymentListBody,
  PaymentListQuery,
} from '../contract-money';
import { arrangementRoutes } from './arrangements';
import { smsRoutes } from './sms';

const CodeParams = z.object({ code: z.string().min(1).max(64) });
/** A bank file is a few thousand lines; anything far larger is not one. */
const MAX_PAYMENT_FILE_BYTES = 20 * 1024 * 1024;

export const paymentScreenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/portfolios/:code/payment-files',
    {
      schema: {
        tags: ['payments'],
        summary: 'Upload a bank payment file (还款流水) for a portfolio: each line posted once',
        description:
          'multipart/form-data with one `file` part: CSV (UTF-8, UTF-8 with BOM, or GBK) with a header row: ' +
          '合同编号/contract_no, 交易流水号/external_ref, 金额/amount (yuan), 交易时间/paid_at, optional 渠道/channel. ' +
          'Each line is posted on its own (a line is posted whole or not at all); a reference posted before comes ' +
          'back as a duplicate. Answers the counts, every refused line (line, column, reason in zh/en) and the ' +
          'payments this upload posted. A file without the required columns answers 400 naming `file`. Needs ' +
          'payments.post.',
        params: CodeParams,
        response: {
          200: PaymentFileResultBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          413: ErrorBody,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!actor.role || !can(actor.role, 'payments.post')) throw new AppError('FORBIDDEN');
      if (!req.isMultipart()) {
        throw invalid('file', '请以 multipart/form-data 上传文件', 'upload the file as multipart/form-data');
      }
      const part = await req.file({ limits: { fileSize: MAX_PAYMENT_FILE_BYTES } });
      if (!part) throw invalid('file', '没有收到文件', 'no file was received');
      const content = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      if (content.length === 0) throw invalid('file', '文件为空', 'the file is empty');
      const now = app.now();
      // Payments already stamped with this instant (a frozen test clock) are not this upload's.
      const earlier = new Set(
        (await paymentsPostedAt(app.store, actor, req.params.code, now)).map((p) => p.id),
      );
      const result = await importPaymentFile(
        app.store,
        actor,
        { text: decodeText(content), portfolioCode: req.params.code },
        now,
      );
      const postedPayments =
        result.posted > 0
          ? (await paymentsPostedAt(app.store, actor, req.params.code, now)).filter((p) => !earlier.has(p.id))
          : [];
      return {
        portfolio: req.params.code,
        fileName: part.filename || 'upload.csv',
        posted: result.posted,
        duplicates: result.duplicates,
        postedFen: result.postedFen,
        rejected: result.rejected,
        postedPayments,
      };
    },
  );

  app.get(
    '/payments',
    {
      schema: {
        tags: ['payments'],
        summary: 'Recent payments of the cases you may see, newest posting day first (20 a page)',
        description:
          'Filters: portfolio (code), from / to (posting day YYYY-MM-DD, inclusive), status (posted | reversed), ' +
          'page. Each payment with its case, reference, amount, allocation, overpayment and refund status, and who ' +
          'entered it. Needs cases.read.',
        querystring: PaymentListQuery,
        response: { 200: PaymentListBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => listPayments(app.store, requireActor(req), req.query),
  );

  app.get(
    '/portfolios/:code/allocation-order',
    {
      schema: {
        tags: ['portfolios'],
        summary: 'The order in which payments pay off the components (fees, penalty, interest, principal)',
        params: CodeParams,
        response: { 200: AllocationOrderBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => getAllocationOrder(app.store, requireActor(req), req.params.code),
  );

  app.put(
    '/portfolios/:code/allocation-order',
    {
      schema: {
        tags: ['portfolios'],
        summary:
          "Set a portfolio's allocation order (null = the default fees → penalty → interest → principal)",
        description:
          'Needs portfolios.manage. The order must list the four components once each; otherwise 400 naming ' +
          '`order`. Applies to payments posted from now on; audited with before and after.',
        params: CodeParams,
        body: AllocationOrderUpdateBody,
        response: {
          200: AllocationOrderBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await setAllocationOrder(app.store, actor, req.params.code, req.body.order);
      return getAllocationOrder(app.store, actor, req.params.code);
    },
  );
};

/** The money screens' routes together (还款, 分期, 短信): what app.ts registers. */
export const moneyScreenRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(paymentScreenRoutes);
  await app.register(arrangementRoutes);
  await app.register(smsRoutes);
};
