import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createTemplate,
  getTemplate,
  lintTemplateText,
  listTemplates,
  publishTemplate,
  retireTemplate,
  updateTemplate,
} from '../../services/templates';
import { requireActor } from '../app';
import {
  CreateTemplateBody,
  ErrorBody,
  LintBody,
  LintResult,
  PublishedTemplate,
  SavedTemplate,
  Template,
  TemplateDetail,
  TemplateList,
  TemplateListQuery,
  UpdateTemplateBody,
} from '../contract';

const IdParams = z.object({ id: z.string().min(1).max(64) });

export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'SMS, letter and script templates (retired versions only on request)',
        querystring: TemplateListQuery,
        response: { 200: TemplateList, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => ({
      items: await listTemplates(app.store, requireActor(req), {
        kind: req.query.kind,
        status: req.query.status,
        includeRetired: req.query.includeRetired === 'true',
      }),
    }),
  );

  app.post(
    '/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'Create a draft template; answers with the lint findings',
        body: CreateTemplateBody,
        response: { 201: SavedTemplate, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const saved = await createTemplate(app.store, requireActor(req), req.body, app.now());
      return reply.code(201).send({ ...saved, revised: false });
    },
  );

  app.post(
    '/templates/lint',
    {
      schema: {
        tags: ['templates'],
        summary: 'Lint a text with the speech rules without saving it (the editor’s live check)',
        body: LintBody,
        response: { 200: LintResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => lintTemplateText(app.store, requireActor(req), req.body),
  );

  app.get(
    '/templates/:id',
    {
      schema: {
        tags: ['templates'],
        summary: 'One template with its lint findings, versions and what the user may do with it',
        params: IdParams,
        response: { 200: TemplateDetail, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => getTemplate(app.store, requireActor(req), req.params.id),
  );

  app.patch(
    '/templates/:id',
    {
      schema: {
        tags: ['templates'],
        summary: 'Save a draft in place; a change to a published template becomes its next draft version',
        params: IdParams,
        body: UpdateTemplateBody,
        response: {
          200: SavedTemplate,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (req) => updateTemplate(app.store, requireActor(req), req.params.id, req.body, app.now()),
  );

  app.post(
    '/templates/:id/publish',
    {
      schema: {
        tags: ['templates'],
        summary:
          'Publish a draft; 422 TEMPLATE_HAS_VIOLATIONS with the error-level findings when the lint finds any',
        params: IdParams,
        response: {
          200: PublishedTemplate,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (req) => publishTemplate(app.store, requireActor(req), req.params.id, app.now()),
  );

  app.post(
    '/templates/:id/retire',
    {
      schema: {
        tags: ['templates'],
        summary: 'Take a published template out of use, or discard a draft',
        params: IdParams,
        response: { 200: Template, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => retireTemplate(app.store, requireActor(req), req.params.id, app.now()),
  );
};
