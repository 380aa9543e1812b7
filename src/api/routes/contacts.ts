import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { gateReasonText } from '../../compliance/gate-reasons';
import { can } from '../../domain/roles';
import { AppError } from '../../errors';
import { recordContactOutcome, reserveContact } from '../../services/contact-gate';
import { requireActor } from '../app';
import { ContactDecisionBody, ContactOutcomeBody, ContactReserveBody, ErrorBody } from '../contract';

const IdParams = z.object({ id: z.string().min(1).max(64) });

export const contactRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/cases/:id/contact-attempts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Ask the contact gate; when allowed, the attempt is reserved in the contact ledger',
        params: IdParams,
        body: ContactReserveBody,
        response: {
          200: ContactDecisionBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!actor.role || !can(actor.role, 'contacts.create')) throw new AppError('FORBIDDEN');
      const decision = await reserveContact(
        app.store,
        actor,
        { caseId: req.params.id, ...req.body },
        app.now(),
      );
      return {
        allowed: decision.allowed,
        reasons: decision.reasons,
        messages: decision.reasons.map((code) => ({ code, ...gateReasonText[code] })),
        nextAllowedAt: decision.nextAllowedAt?.toISOString() ?? null,
        attemptId: decision.attemptId,
      };
    },
  );

  app.post(
    '/contact-attempts/:id/outcome',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Record what happened on a reserved contact attempt (once)',
        params: IdParams,
        body: ContactOutcomeBody,
        response: { 204: z.null(), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!actor.role || !can(actor.role, 'contacts.create')) throw new AppError('FORBIDDEN');
      await recordContactOutcome(app.store, actor, req.params.id, req.body.outcome, app.now());
      return reply.code(204).send(null);
    },
  );
};
