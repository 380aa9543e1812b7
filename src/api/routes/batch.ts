import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { can } from '../../domain/roles';
import { AppError } from '../../errors';
import { runNightlyBatch } from '../../services/batch/nightly';
import { requireActor } from '../app';
import { BatchResultBody, BatchRunBody, ErrorBody } from '../contract';

export const batchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/batch/runs',
    {
      schema: {
        tags: ['batch'],
        summary: 'Run the nightly batch for a business day now (idempotent; one node at a time)',
        body: BatchRunBody,
        response: { 200: BatchResultBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!actor.role || !can(actor.role, 'batch.run')) throw new AppError('FORBIDDEN');
      return runNightlyBatch(app.store, {
        asOf: req.body.asOf,
        promiseGraceDays: req.body.graceDays,
        now: app.now(),
      });
    },
  );
};
