import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../domain/roles';
import { AppError } from '../../errors';
import { assertCaseReader } from '../../services/cases';
import { portfolioCompliance, setHouseOverrides } from '../../services/house-rules';
import { createPortfolio, listPortfolios, setCertificationRequired } from '../../services/portfolios';
import { requireActor } from '../app';
import {
  CreatePortfolioBody,
  ErrorBody,
  HouseRulesBody,
  Portfolio,
  PortfolioCompliance,
  PortfolioList,
} from '../contract';

const CodeParams = z.object({ code: z.string().min(1).max(64) });

export const portfolioRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/portfolios/:code/certification',
    {
      schema: {
        tags: ['portfolios'],
        summary:
          'Whether the portfolio requires the training certification: uncertified collectors then get none of its cases and may not contact (audited)',
        params: CodeParams,
        body: z.object({ required: z.boolean() }),
        response: {
          200: z.object({ portfolioCode: z.string(), requireCertification: z.boolean() }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req) => setCertificationRequired(app.store, requireActor(req), req.params.code, req.body.required),
  );

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

  app.get(
    '/portfolios/:code/compliance',
    {
      schema: {
        tags: ['portfolios'],
        summary:
          "A portfolio's contact rules: its compliance profile's values with their sources, its house rules, and the effective values",
        description:
          'Every value cites its source. `effective` is what the contact gate decides with; each effective value ' +
          "says whether it comes from the profile or from the portfolio's house rule. Readable by every role that " +
          'works cases or QA.',
        params: CodeParams,
        response: { 200: PortfolioCompliance, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => portfolioCompliance(app.store, requireActor(req), req.params.code),
  );

  app.put(
    '/portfolios/:code/house-rules',
    {
      schema: {
        tags: ['portfolios'],
        summary: "Set a portfolio's house rules: its compliance profile made stricter (audited)",
        description:
          'Needs portfolios.manage. A house rule may only be stricter than the profile: a looser or malformed value ' +
          'answers 400 VALIDATION_FAILED naming the field and the reason (all problems in `details.problems`, ' +
          'each with `field`, `code`, `reason`, `reasonEn`), and nothing changes. Answers the rules as GET does.',
        params: CodeParams,
        body: HouseRulesBody,
        response: {
          200: PortfolioCompliance,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await setHouseOverrides(app.store, actor, req.params.code, req.body);
      return portfolioCompliance(app.store, actor, req.params.code);
    },
  );

  app.delete(
    '/portfolios/:code/house-rules',
    {
      schema: {
        tags: ['portfolios'],
        summary: "Clear a portfolio's house rules: the compliance profile alone applies (audited)",
        params: CodeParams,
        response: { 200: PortfolioCompliance, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await setHouseOverrides(app.store, actor, req.params.code, null);
      return portfolioCompliance(app.store, actor, req.params.code);
    },
  );
};
