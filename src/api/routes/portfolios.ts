import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { can } from '../../domain/roles';
import { AppError } from '../../errors';
import { assertCaseReader } from '../../services/cases';
import { createPortfolio, listPortfolios } from '../../services/portfolios';
import { requireActor } from '../app';
import { CreatePortfolioBody, ErrorBody, Portfolio, PortfolioList } from '../contract';

export const portfolioRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/portfolios',
    {
      schema: {
        tags: ['portfolios'],
        summary: 'Portfolios with open cases per bucket (within what the user may see)',
        response: { 200: PortfolioList, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      assertCaseReader(actor);
      return { items: await listPortfolios(app.store, actor) };
    },
  );

  app.post(
    '/portfolios',
    {
      schema: {
        tags: ['portfolios'],
        summary: 'Create a portfolio (creditor / product line) with its buckets and compliance profile',
        body: CreatePortfolioBody,
        response: { 201: Portfolio, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!actor.role || !can(actor.role, 'portfolios.manage')) throw new AppError('FORBIDDEN');
      const created = await createPortfolio(app.store, actor, req.body);
      const all = await listPortfolios(app.store, actor);
      const view = all.find((p) => p.id === created.id);
      if (!view) throw new AppError('INTERNAL');
      return reply.code(201).send(view);
    },
  );
};
