/** The team lead's listening list (听录音清单): which calls of a period to listen to for coaching. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listeningList } from '../../services/listening-list';
import { requireActor } from '../app';
import { ErrorBody } from '../contract';
import { ListeningListBody, ListeningQuery } from '../contract-followup';

export const listeningRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/qa/listening-list',
    {
      schema: {
        tags: ['qa'],
        summary:
          'Calls to listen to for coaching: error findings first, then warnings, then clean samples so each collector has at least N',
        querystring: ListeningQuery,
        response: { 200: ListeningListBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => listeningList(app.store, requireActor(req), req.query, app.now()),
  );
};
