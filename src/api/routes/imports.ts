import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../domain/roles';
import { AppError, invalid } from '../../errors';
import { listImportBatches } from '../../services/import/batches';
import { importCases } from '../../services/import/import-cases';
import { templateCsv } from '../../services/import/template';
import { requireActor } from '../app';
import { ErrorBody, ImportBatchList, ImportResult } from '../contract';

function fieldValue(field: unknown): string | undefined {
  if (field && typeof field === 'object' && 'value' in field) {
    const v = (field as { value: unknown }).value;
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import a placement file (.xlsx or .csv) into a portfolio',
        description:
          'multipart/form-data with fields `portfolio` (code) and `acceptValid` ("true"/"false") before the `file` ' +
          'part (or as query parameters). All-or-nothing by default: a bad row answers 422 IMPORT_REJECTED with ' +
          'the per-row problems in `details` and nothing written.',
        querystring: z.object({
          portfolio: z.string().optional(),
          acceptValid: z.enum(['true', 'false']).optional(),
        }),
        response: {
          200: ImportResult,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!actor.role || !can(actor.role, 'imports.create')) throw new AppError('FORBIDDEN');
      if (!req.isMultipart())
        throw invalid('file', '请以 multipart/form-data 上传文件', 'upload the file as multipart/form-data');
      const part = await req.file();
      if (!part) throw invalid('file', '没有收到文件', 'no file was received');
      const portfolio = fieldValue(part.fields.portfolio) ?? req.query.portfolio;
      const acceptValid = (fieldValue(part.fields.acceptValid) ?? req.query.acceptValid) === 'true';
      if (!portfolio) {
        part.file.resume();
        throw invalid('portfolio', '请选择资产包', 'choose a portfolio');
      }
      try {
        const result = await importCases(
          app.store,
          { stream: part.file, fileName: part.filename || 'upload' },
          { portfolioCode: portfolio, acceptValid, actor, now: app.now() },
        );
        if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
        if (result.status === 'rejected') {
          const error = new AppError('IMPORT_REJECTED', { count: result.rejectedCount }, result);
          return reply.code(422).send(error.toJSON());
        }
        return result;
      } finally {
        // Whatever happened, drain the rest of the upload so the connection stays usable.
        part.file.resume();
      }
    },
  );

  app.get(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Recent import batches, newest first',
        querystring: z.object({
          portfolio: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
        response: { 200: ImportBatchList, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => ({ items: await listImportBatches(app.store, requireActor(req), req.query) }),
  );

  app.get(
    '/imports/template.csv',
    {
      schema: { tags: ['imports'], summary: 'The blank placement template (UTF-8 with BOM, opens in Excel)' },
    },
    async (req, reply) => {
      requireActor(req);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header(
        'content-disposition',
        'attachment; filename="template.csv"; filename*=UTF-8\'\'%E5%A7%94%E6%A1%88%E6%A8%A1%E6%9D%BF.csv',
      );
      return `\uFEFF${templateCsv()}`;
    },
  );
};
