/** Instalment plans (分期) on a case: preview, create, list, cancel. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cancelArrangement,
  createArrangement,
  listArrangements,
  previewArrangement,
} from '../../services/arrangements';
import { requireActor } from '../app';
import { ErrorBody } from '../contract';
import {
  ArrangementBody,
  ArrangementCancelBody,
  ArrangementCreateBody,
  ArrangementCreatedBody,
  ArrangementListBody,
  ArrangementPreviewBody,
} from '../contract-money';

const IdParams = z.object({ id: z.string().min(1).max(64) });

export const arrangementRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/cases/:id/arrangements/preview',
    {
      schema: {
        tags: ['arrangements'],
        summary: 'The schedule an instalment plan would have, with its problems (changes nothing)',
        params: IdParams,
        body: ArrangementCreateBody,
        response: {
          200: ArrangementPreviewBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req) => previewArrangement(app.store, requireActor(req), req.params.id, req.body, app.now()),
  );

  app.post(
    '/cases/:id/arrangements',
    {
      schema: {
        tags: ['arrangements'],
        summary:
          'Make an instalment plan: 2-36 instalments, each a promise to pay (replaces pending promises)',
        description:
          'totalFen (at least 100 yuan, at most the balance), instalments (2-36), frequency (monthly | biweekly | ' +
          'weekly), firstDueDate (today to 30 days ahead), channel (app | bank_transfer | counter | auto_debit). ' +
          'The remainder of the split goes on the last instalment; monthly dates are clamped to the month end. ' +
          'Refused (400 naming the field; every problem in details.problems) on a closed case, under a complaint ' +
          'freeze or legal hold, or while another plan is active. Pending single promises of the case are ' +
          'cancelled (cancelledPromiseIds). Needs promises.create on a case in your scope.',
        params: IdParams,
        body: ArrangementCreateBody,
        response: {
          201: ArrangementCreatedBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const created = await createArrangement(
        app.store,
        requireActor(req),
        req.params.id,
        req.body,
        app.now(),
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/cases/:id/arrangements',
    {
      schema: {
        tags: ['arrangements'],
        summary: "A case's instalment plans, newest first, each with its schedule and counters",
        params: IdParams,
        response: { 200: ArrangementListBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => ({ items: await listArrangements(app.store, requireActor(req), req.params.id) }),
  );

  app.post(
    '/arrangements/:id/cancel',
    {
      schema: {
        tags: ['arrangements'],
        summary: 'Cancel an active plan with a reason; its pending instalments are cancelled',
        params: IdParams,
        body: ArrangementCancelBody,
        response: { 200: ArrangementBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => cancelArrangement(app.store, requireActor(req), req.params.id, req.body.reason, app.now()),
  );
};
