/** The SMS outbox (短信): the messages and what happened to each, the dispatcher's state, a run on demand. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dispatchSmsAs } from '../../services/sms/dispatch';
import { gatewayFromEnv } from '../../services/sms/gateway';
import { listOutbox, smsState } from '../../services/sms/outbox';
import { requireActor } from '../app';
import { ErrorBody } from '../contract';
import {
  SmsDispatchBody,
  SmsDispatchResultBody,
  SmsOutboxBody,
  SmsOutboxQuery,
  SmsStateBody,
} from '../contract-money';

export const smsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sms/outbox',
    {
      schema: {
        tags: ['sms'],
        summary: 'SMS messages of the cases you may see, newest first, numbers masked (20 a page)',
        querystring: SmsOutboxQuery,
        response: { 200: SmsOutboxBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => listOutbox(app.store, requireActor(req), req.query),
  );

  app.get(
    '/sms/status',
    {
      schema: {
        tags: ['sms'],
        summary: 'Whether an SMS gateway is configured, and the messages by status',
        response: { 200: SmsStateBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => smsState(app.store, requireActor(req), gatewayFromEnv(process.env)),
  );

  app.post(
    '/sms/dispatch',
    {
      schema: {
        tags: ['sms'],
        summary: 'Run the dispatcher now: each queued message through the contact gate, then the gateway',
        description:
          'Needs sms.dispatch. Without a gateway (QINGSHOU_SMS_GATEWAY_URL) nothing is sent: the queued messages ' +
          'say so in their status detail, and the answer says so in Chinese and English.',
        body: SmsDispatchBody.nullish(),
        response: { 200: SmsDispatchResultBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) =>
      dispatchSmsAs(app.store, requireActor(req), {
        gateway: gatewayFromEnv(process.env),
        now: app.now(),
        ...(req.body?.limit === undefined ? {} : { limit: req.body.limit }),
      }),
  );
};
