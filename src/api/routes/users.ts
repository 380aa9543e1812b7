import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listUsers } from '../../services/users';
import { requireActor } from '../app';
import { ErrorBody, UserRefList } from '../contract';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Active users, e.g. collectors for the assignment filter',
        querystring: z.object({ role: z.string().optional() }),
        response: { 200: UserRefList, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => {
      const items = await listUsers(app.store, requireActor(req), { role: req.query.role });
      return { items: items.map(({ agencyName: _, ...u }) => u) };
    },
  );
};
