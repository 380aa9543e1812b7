import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activateStrategy,
  createStrategyDraft,
  defaultStrategyFor,
  getStrategy,
  listStrategies,
  updateStrategyDraft,
} from '../../services/strategies';
import { requireActor } from '../app';
import { ErrorBody } from '../contract';
import {
  ActivateStrategyBody,
  CreateStrategyDraftBody,
  StrategyDefaultBody,
  StrategyOverviewBody,
  StrategyVersionDetailBody,
  UpdateStrategyDraftBody,
} from '../contract-strategy';

const CodeParams = z.object({ code: z.string().min(1).max(64) });
const VersionParams = CodeParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) });

const refusal =
  'A definition that does not hold answers 400 VALIDATION_FAILED: `details.problems` lists every problem with ' +
  "`field` (e.g. 'segments[2].when.balanceMinFen'), a stable `code` and the reason in `zh` and `en`; nothing changes.";

export const strategyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/portfolios/:code/strategies',
    {
      schema: {
        tags: ['strategy'],
        summary: "A portfolio's collection strategy versions, newest first, with authors, notes and changes",
        description:
          'Readable with cases.read. Each version lists what changed from the version before. A portfolio ' +
          'without an active version has no segments: the nightly batch assigns its cases none.',
        params: CodeParams,
        response: { 200: StrategyOverviewBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => listStrategies(app.store, requireActor(req), req.params.code),
  );

  app.get(
    '/portfolios/:code/strategies/:version',
    {
      schema: {
        tags: ['strategy'],
        summary: 'One strategy version: its segments and plans, its changes, and whether it is still valid',
        params: VersionParams,
        response: { 200: StrategyVersionDetailBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => getStrategy(app.store, requireActor(req), req.params.code, req.params.version),
  );

  app.post(
    '/portfolios/:code/strategies',
    {
      schema: {
        tags: ['strategy'],
        summary:
          'Create the draft: from a definition, from the default, or as a copy of the active version (audited)',
        description: `Needs strategy.manage. One draft per portfolio: while one exists a new one is refused (edit it). ${refusal}`,
        params: CodeParams,
        body: CreateStrategyDraftBody,
        response: {
          201: StrategyVersionDetailBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const created = await createStrategyDraft(
        app.store,
        requireActor(req),
        req.params.code,
        req.body,
        app.now(),
      );
      return reply.code(201).send(created);
    },
  );

  app.put(
    '/portfolios/:code/strategies/:version',
    {
      schema: {
        tags: ['strategy'],
        summary: 'Save the draft in place (drafts only; audited with before and after)',
        description: `Needs strategy.manage. ${refusal}`,
        params: VersionParams,
        body: UpdateStrategyDraftBody,
        response: {
          200: StrategyVersionDetailBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req) =>
      updateStrategyDraft(app.store, requireActor(req), req.params.code, req.params.version, req.body),
  );

  app.post(
    '/portfolios/:code/strategies/:version/activate',
    {
      schema: {
        tags: ['strategy'],
        summary:
          'Activate the draft: the active version is retired (audited; one of two concurrent activations wins)',
        description:
          'Needs strategy.manage. The draft is checked again against the portfolio (a template may have been ' +
          `retired since). A version that is not a draft answers 400 naming \`version\`. ${refusal}`,
        params: VersionParams,
        body: ActivateStrategyBody,
        response: {
          200: StrategyVersionDetailBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req) =>
      activateStrategy(
        app.store,
        requireActor(req),
        req.params.code,
        req.params.version,
        req.body,
        app.now(),
      ),
  );

  app.get(
    '/portfolios/:code/strategy/default',
    {
      schema: {
        tags: ['strategy'],
        summary: "The default strategy for the portfolio's buckets (not saved)",
        description:
          'A credit-card center strategy: SMS and calls early, more calls in M2, hardship plans for class 2, ' +
          'letters and visits for class 3/4, agency placement over 90 days, legal review for large balances and ' +
          "class 4 after many days. SMS plans use the portfolio's first published SMS template, if any.",
        params: CodeParams,
        response: { 200: StrategyDefaultBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => defaultStrategyFor(app.store, requireActor(req), req.params.code),
  );
};
