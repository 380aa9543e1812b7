import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Health } from '../contract';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        security: [],
        response: { 200: Health },
      },
    },
    async () => {
      await app.store.sql.query('SELECT 1');
      return { status: 'ok' as const, engine: app.store.engine, version: app.appVersion };
    },
  );
};
