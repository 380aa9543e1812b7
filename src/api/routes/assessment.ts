/** A case's assessment (priority, class, strategy segment) and what feeds it (tags, class override). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseAssessment, setCaseTags, setClassOverride } from '../../services/case-assessment';
import { requireActor } from '../app';
import { CaseAssessmentBody, CaseTagsBody, ClassOverrideBody, ErrorBody } from '../contract';

const IdParams = z.object({ id: z.string().min(1).max(64) });

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cases/:id/assessment',
    {
      schema: {
        tags: ['workbench'],
        summary: 'Why the case ranks where it does: priority breakdown, class with reasons, strategy segment',
        params: IdParams,
        response: { 200: CaseAssessmentBody, ...errors },
      },
    },
    async (req) => caseAssessment(app.store, requireActor(req), req.params.id, app.now()),
  );

  app.put(
    '/cases/:id/tags',
    {
      schema: {
        tags: ['workbench'],
        summary:
          "Tag the debtor's personality, risk signals and evidence of means; class and priority follow",
        params: IdParams,
        body: CaseTagsBody,
        response: { 200: CaseAssessmentBody, ...errors },
      },
    },
    async (req) => setCaseTags(app.store, requireActor(req), req.params.id, req.body, app.now()),
  );

  app.put(
    '/cases/:id/class-override',
    {
      schema: {
        tags: ['workbench'],
        summary: 'Override the delinquency class with a reason (recorded with who and when)',
        params: IdParams,
        body: ClassOverrideBody,
        response: { 200: CaseAssessmentBody, ...errors },
      },
    },
    async (req) => setClassOverride(app.store, requireActor(req), req.params.id, req.body, app.now()),
  );

  app.delete(
    '/cases/:id/class-override',
    {
      schema: {
        tags: ['workbench'],
        summary: 'Return the class to the rules',
        params: IdParams,
        response: { 200: CaseAssessmentBody, ...errors },
      },
    },
    async (req) => setClassOverride(app.store, requireActor(req), req.params.id, null, app.now()),
  );
};
