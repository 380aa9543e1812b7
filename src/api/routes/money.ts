import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { postPayment, reversePayment } from '../../services/payments';
import { createPromise, listPromises } from '../../services/promises';
import { nextCase } from '../../services/queue';
import { requireActor } from '../app';
import {
  ErrorBody,
  PaymentBody,
  PaymentCreateBody,
  PaymentPostedBody,
  PaymentReverseBody,
  PromiseBody,
  PromiseCreateBody,
  QueueAnswerBody,
} from '../contract';

const IdParams = z.object({ id: z.string().min(1).max(64) });

export const moneyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/cases/:id/promises',
    {
      schema: {
        tags: ['promises'],
        summary: 'Take a promise to pay (amount in fen, date, official channel)',
        params: IdParams,
        body: PromiseCreateBody,
        response: { 201: PromiseBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const promise = await createPromise(app.store, requireActor(req), req.params.id, req.body, app.now());
      return reply.code(201).send(promise);
    },
  );

  app.get(
    '/cases/:id/promises',
    {
      schema: {
        tags: ['promises'],
        summary: "A case's promises, newest due date first",
        params: IdParams,
        response: { 200: z.array(PromiseBody), 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => listPromises(app.store, requireActor(req), req.params.id),
  );

  app.post(
    '/payments',
    {
      schema: {
        tags: ['payments'],
        summary: 'Post a payment; the same external reference is the same payment (idempotent)',
        body: PaymentCreateBody,
        response: {
          200: PaymentPostedBody,
          201: PaymentPostedBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const result = await postPayment(
        app.store,
        requireActor(req),
        {
          portfolioCode: req.body.portfolio,
          contractNo: req.body.contractNo,
          externalRef: req.body.externalRef,
          amountFen: req.body.amountFen,
          paidAt: new Date(req.body.paidAt),
          channel: req.body.channel,
          source: 'manual',
        },
        app.now(),
      );
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );

  app.post(
    '/payments/:id/reverse',
    {
      schema: {
        tags: ['payments'],
        summary: 'Reverse a posted payment (bounced or misposted), restoring exactly what it paid',
        params: IdParams,
        body: PaymentReverseBody,
        response: {
          200: PaymentBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (req) => reversePayment(app.store, requireActor(req), req.params.id, req.body.reason, app.now()),
  );

  app.get(
    '/queue/next',
    {
      schema: {
        tags: ['queue'],
        summary:
          "The collector's next case: due follow-ups first, then priority, among cases the gate allows calling now",
        response: { 200: QueueAnswerBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => nextCase(app.store, requireActor(req), app.now()),
  );
};
