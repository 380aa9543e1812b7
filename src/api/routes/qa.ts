import type { FastifyRequest } from 'fastify';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../../errors';
import {
  complianceScores,
  getTranscript,
  listQaRules,
  listTranscripts,
  reviewFinding,
  uploadTranscripts,
} from '../../services/qa';
import { QA_UPLOAD_LIMITS, type TranscriptFile } from '../../services/qa-parse';
import { requireActor } from '../app';
import {
  ComplianceScores,
  ErrorBody,
  QaFinding,
  QaUploadBody,
  QaUploadResult,
  ReviewFindingBody,
  ScoreQuery,
  SpeechRuleCatalogue,
  TranscriptDetail,
  TranscriptList,
  TranscriptListQuery,
} from '../contract';

const IdParams = z.object({ id: z.string().min(1).max(64) });

const DEFAULT_FIELDS = [
  'collector',
  'party',
  'calledAt',
  'caseId',
  'contractNo',
  'portfolio',
  'agency',
  'title',
];

/** Reads every file and the metadata fields of a multipart upload. */
async function readMultipart(req: FastifyRequest) {
  const files: TranscriptFile[] = [];
  const defaults: Record<string, string> = {};
  try {
    for await (const part of req.parts({
      limits: { files: QA_UPLOAD_LIMITS.files, fileSize: QA_UPLOAD_LIMITS.fileBytes },
    })) {
      if (part.type === 'file') {
        files.push({ name: part.filename || `file-${files.length + 1}`, content: await part.toBuffer() });
      } else if (DEFAULT_FIELDS.includes(part.fieldname) && typeof part.value === 'string') {
        defaults[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_FILES_LIMIT') {
      throw invalid(
        'files',
        `一次最多上传 ${QA_UPLOAD_LIMITS.files} 个文件`,
        `at most ${QA_UPLOAD_LIMITS.files} files per upload`,
      );
    }
    throw error;
  }
  if (files.length === 0) throw invalid('files', '没有收到文件', 'no file was received');
  return { files, defaults };
}

/** The zod validator, except that a multipart request (no parsed body) skips the body schema. */
const multipartOrJsonBody: typeof validatorCompiler = (route) => {
  const validate = validatorCompiler(route);
  return route.httpPart === 'body'
    ? (data: unknown) => (data === undefined || data === null ? { value: undefined } : validate(data))
    : validate;
};

/** The upload, in its own context: a multipart request has no parsed body to check against the schema. */
const uploadRoute: FastifyPluginAsyncZod = async (app) => {
  app.setValidatorCompiler(multipartOrJsonBody);
  app.post(
    '/qa/transcripts',
    {
      // A JSON body of many calls is larger than ordinary requests; files have their own limits.
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ['qa'],
        summary: 'Upload call transcripts for inspection (files or a JSON body); all or nothing',
        description:
          'Either multipart/form-data with one or more `file` parts (.json: an object or an array; .jsonl: one ' +
          'object per line; .txt: one turn per line starting with 坐席：/催收员：/员工：/Agent:/A: or ' +
          '客户：/债务人：/Customer:/C:, unlabelled lines continue the turn) and optional fields collector, party, ' +
          'calledAt, caseId, contractNo, portfolio, agency, title that apply to transcripts without their own; or ' +
          'a JSON body `{transcripts: [...], defaults?}`. Each transcript is the `qingshou qa` input shape plus ' +
          'that metadata. Any problem answers 422 QA_UPLOAD_INVALID with every problem (file, line, field, ' +
          'reason) in `details.problems`, and nothing is stored.',
        body: QaUploadBody,
        response: {
          201: QaUploadResult,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          413: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const input = req.isMultipart()
        ? await readMultipart(req)
        : { transcripts: req.body.transcripts, defaults: req.body.defaults };
      const result = await uploadTranscripts(app.store, actor, input, app.now());
      return reply.code(201).send(result);
    },
  );
};

export const qaRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(uploadRoute);

  app.get(
    '/qa/transcripts',
    {
      schema: {
        tags: ['qa'],
        summary: 'Inspected calls visible to the user (own calls, team, agency or all), newest first',
        querystring: TranscriptListQuery,
        response: { 200: TranscriptList, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => listTranscripts(app.store, requireActor(req), req.query),
  );

  app.get(
    '/qa/transcripts/:id',
    {
      schema: {
        tags: ['qa'],
        summary: 'One inspected call: turns, findings with the rule explanation and a compliant alternative',
        params: IdParams,
        response: { 200: TranscriptDetail, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => getTranscript(app.store, requireActor(req), req.params.id),
  );

  app.post(
    '/qa/findings/:id/review',
    {
      schema: {
        tags: ['qa'],
        summary:
          'Confirm, dismiss (note required) or reopen a finding; 409 when someone else reviewed it first',
        params: IdParams,
        body: ReviewFindingBody,
        response: {
          200: QaFinding,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (req) => reviewFinding(app.store, requireActor(req), req.params.id, req.body, app.now()),
  );

  app.get(
    '/qa/scores',
    {
      schema: {
        tags: ['qa'],
        summary:
          'Compliance scores per collector or per agency over call dates [from, to] (default: 30 days)',
        querystring: ScoreQuery,
        response: { 200: ComplianceScores, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => complianceScores(app.store, requireActor(req), req.query, app.now()),
  );

  app.get(
    '/qa/rules',
    {
      schema: {
        tags: ['qa'],
        summary: 'The speech rulebook: every rule with its category, severity, explanation and alternative',
        response: { 200: SpeechRuleCatalogue, 401: ErrorBody },
      },
    },
    async (req) => {
      requireActor(req);
      return listQaRules();
    },
  );
};
