/**
 * Assignment (分案) rules and runs, reassignment (转派), the team lead's workload and queue, agency
 * placements (委外) and recalls, and a case's assignment history.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { centerTimeZoneFromEnv } from '../../config';
import {
  assignmentOptions,
  assignUnassigned,
  caseAssignmentHistory,
  getAssignmentRules,
  listPlacements,
  placeWithAgency,
  previewPlacement,
  reassign,
  recallPlacement,
  setAssignmentRules,
  teamQueue,
  teamWorkload,
} from '../../services/assignment';
import { requireActor } from '../app';
import { ErrorBody } from '../contract';
import {
  AssignmentHistoryBody,
  AssignmentOptions,
  AssignmentRulesPutBody,
  AssignmentRulesView,
  AssignResult,
  Placement,
  PlacementCreateBody,
  PlacementList,
  PlacementListQuery,
  PlacementPreview,
  PlacementPreviewQuery,
  ReassignBody,
  ReassignResult,
  RecallBody,
  RecallResult,
  TeamQueueBody,
  TeamQueueQuery,
  WorkloadBody,
  WorkloadQuery,
} from '../contract-assignment';

const CodeParams = z.object({ code: z.string().min(1).max(64) });
const IdParams = z.object({ id: z.string().min(1).max(64) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const assignmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/portfolios/:code/assignment-rules',
    {
      schema: {
        tags: ['assignment'],
        summary: "A portfolio's assignment rules (null stored = the defaults), its buckets and the teams",
        params: CodeParams,
        response: { 200: AssignmentRulesView, ...errors },
      },
    },
    async (req) => getAssignmentRules(app.store, requireActor(req), req.params.code),
  );

  app.put(
    '/portfolios/:code/assignment-rules',
    {
      schema: {
        tags: ['assignment'],
        summary: "Set a portfolio's assignment rules (managers); every problem names its field",
        description:
          '`rules`: `{ sameDebtor, teamsByBucket: { bucket: [teamCode] } | null, skipCollectorsOverCapacity }`; ' +
          'fields left out take their defaults; `rules: null` goes back to the defaults. Audited.',
        params: CodeParams,
        body: AssignmentRulesPutBody,
        response: { 200: AssignmentRulesView, ...errors },
      },
    },
    async (req) =>
      setAssignmentRules(app.store, requireActor(req), req.params.code, req.body.rules ?? null, app.now()),
  );

  app.post(
    '/portfolios/:code/assign',
    {
      schema: {
        tags: ['assignment'],
        summary: "Assign the portfolio's open unassigned cases by its rules now (managers)",
        params: CodeParams,
        response: { 200: AssignResult, ...errors },
      },
    },
    async (req) => assignUnassigned(app.store, requireActor(req), req.params.code, app.now()),
  );

  app.post(
    '/cases/reassign',
    {
      schema: {
        tags: ['assignment'],
        summary: 'Move cases to a collector or a team, with a reason (team leads within their team)',
        description:
          "With the portfolio's same-debtor rule, the debtor's other open cases move too; the answer lists them. " +
          'Closed cases and cases placed with an agency are refused, naming them. All or nothing; audited.',
        body: ReassignBody,
        response: { 200: ReassignResult, ...errors },
      },
    },
    async (req) => reassign(app.store, requireActor(req), req.body, app.now()),
  );

  app.get(
    '/teams/workload',
    {
      schema: {
        tags: ['assignment'],
        summary:
          "Per collector: open cases against capacity, follow-ups due, promises due today, today's contacts",
        querystring: WorkloadQuery,
        response: { 200: WorkloadBody, ...errors },
      },
    },
    async (req) => teamWorkload(app.store, requireActor(req), req.query, app.now(), centerTimeZoneFromEnv()),
  );

  app.get(
    '/teams/queue',
    {
      schema: {
        tags: ['assignment'],
        summary: "The team's open in-house cases, highest priority first",
        querystring: TeamQueueQuery,
        response: { 200: TeamQueueBody, ...errors },
      },
    },
    async (req) => teamQueue(app.store, requireActor(req), req.query),
  );

  app.get(
    '/assignment/options',
    {
      schema: {
        tags: ['assignment'],
        summary: 'Teams, active collectors (load and capacity) and agencies to choose from',
        response: { 200: AssignmentOptions, ...errors },
      },
    },
    async (req) => assignmentOptions(app.store, requireActor(req)),
  );

  app.get(
    '/placements',
    {
      schema: {
        tags: ['assignment'],
        summary: 'Agency placements (委外), active first',
        querystring: PlacementListQuery,
        response: { 200: PlacementList, ...errors },
      },
    },
    async (req) => ({ items: await listPlacements(app.store, requireActor(req), req.query) }),
  );

  app.get(
    '/placements/preview',
    {
      schema: {
        tags: ['assignment'],
        summary: 'How many cases a placement filter would place, and how many it leaves out',
        querystring: PlacementPreviewQuery,
        response: { 200: PlacementPreview, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const buckets = q.buckets
        ?.split(',')
        .map((b) => b.trim())
        .filter(Boolean);
      return previewPlacement(app.store, requireActor(req), {
        portfolioCode: q.portfolioCode,
        filter: { buckets, minDaysPastDue: q.minDaysPastDue, segmentKey: q.segmentKey },
      });
    },
  );

  app.post(
    '/placements',
    {
      schema: {
        tags: ['assignment'],
        summary: 'Place cases (named, or chosen by a filter) with an agency for a period (managers)',
        description:
          'Named cases that are closed, already placed, frozen by a complaint or on legal hold refuse the whole ' +
          'placement, each named in `details.problems`; a filter leaves those out.',
        body: PlacementCreateBody,
        response: { 201: Placement, ...errors },
      },
    },
    async (req, reply) => {
      const placement = await placeWithAgency(app.store, requireActor(req), req.body, app.now());
      return reply.code(201).send(placement);
    },
  );

  app.post(
    '/placements/:id/recall',
    {
      schema: {
        tags: ['assignment'],
        summary: 'Recall a placement: its cases go back to their collectors (or the rules), with a reason',
        params: IdParams,
        body: RecallBody,
        response: { 200: RecallResult, ...errors },
      },
    },
    async (req) => recallPlacement(app.store, requireActor(req), req.params.id, req.body.reason, app.now()),
  );

  app.get(
    '/cases/:id/assignment-history',
    {
      schema: {
        tags: ['assignment'],
        summary: 'Why the case is where it is: every assignment, reassignment, placement and recall',
        params: IdParams,
        response: { 200: AssignmentHistoryBody, ...errors },
      },
    },
    async (req) => ({ items: await caseAssignmentHistory(app.store, requireActor(req), req.params.id) }),
  );
};
