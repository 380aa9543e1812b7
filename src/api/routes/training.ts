/**
 * Training (培训): the scenario library, role-play calls with the after-call report, progress and
 * certification, the knowledge quiz, and the trainer's cohorts, assignments and leaderboard.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDateOf } from '../../domain/dates';
import {
  assignScenarios,
  createCohort,
  leaderboard,
  listCohorts,
  listTrainees,
  setCohortMembers,
} from '../../services/training/cohorts';
import { drawTrainingQuiz, submitTrainingQuiz, trainingProgress } from '../../services/training/progress';
import {
  endTrainingSession,
  getTrainingSession,
  listScenarios,
  listTrainingSessions,
  startTrainingSession,
  takeTrainingTurn,
} from '../../services/training/sessions';
import { requireActor } from '../app';
import { ErrorBody } from '../contract';
import {
  AssignScenariosRequest,
  CohortBody,
  CohortListBody,
  CreateCohortRequest,
  LeaderboardBody,
  ProgressBody,
  QuizDrawBody,
  QuizResultBody,
  QuizSubmitRequest,
  ScenarioListBody,
  SessionListBody,
  SetCohortMembersRequest,
  StartSessionRequest,
  TraineeListBody,
  TrainingSessionBody,
  TurnRequest,
} from '../contract-training';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const trainingRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => app.training;

  app.get(
    '/training/scenarios',
    {
      schema: {
        tags: ['training'],
        summary: 'The scenario library, with the reader’s assignments and best results',
        response: { 200: ScenarioListBody, ...errors },
      },
    },
    async (req) => ({ scenarios: await listScenarios(app.store, requireActor(req)) }),
  );

  app.post(
    '/training/sessions',
    {
      schema: {
        tags: ['training'],
        summary: 'Start a role-play call: the simulated person answers',
        body: StartSessionRequest,
        response: { 200: TrainingSessionBody, ...errors },
      },
    },
    async (req) => startTrainingSession(app.store, requireActor(req), req.body, app.now(), deps()),
  );

  app.get(
    '/training/sessions',
    {
      schema: {
        tags: ['training'],
        summary: 'Calls newest first: one’s own; a trainer’s filtered by trainee, scenario and cohort',
        querystring: z.object({
          traineeId: z.string().max(64).optional(),
          scenarioId: z.string().max(100).optional(),
          cohortId: z.string().max(64).optional(),
        }),
        response: { 200: SessionListBody, ...errors },
      },
    },
    async (req) => ({ sessions: await listTrainingSessions(app.store, requireActor(req), req.query) }),
  );

  app.get(
    '/training/sessions/:id',
    {
      schema: {
        tags: ['training'],
        summary: 'A call: the transcript, the live hint, and the report once it has ended',
        params: IdParams,
        response: { 200: TrainingSessionBody, ...errors },
      },
    },
    async (req) => getTrainingSession(app.store, requireActor(req), req.params.id),
  );

  app.post(
    '/training/sessions/:id/turns',
    {
      schema: {
        tags: ['training'],
        summary: 'Say one line; the answer carries the reply (and the report when the call ended)',
        params: IdParams,
        body: TurnRequest,
        response: { 200: TrainingSessionBody, ...errors },
      },
    },
    async (req) =>
      takeTrainingTurn(app.store, requireActor(req), req.params.id, req.body.text, app.now(), deps()),
  );

  app.post(
    '/training/sessions/:id/end',
    {
      schema: {
        tags: ['training'],
        summary: 'Hang up: the call is graded as it stands (ending an ended call changes nothing)',
        params: IdParams,
        response: { 200: TrainingSessionBody, ...errors },
      },
    },
    async (req) => endTrainingSession(app.store, requireActor(req), req.params.id, app.now()),
  );

  app.get(
    '/training/progress',
    {
      schema: {
        tags: ['training'],
        summary: 'Progress: calls, skill radar, quiz and certification (another person’s for trainers)',
        querystring: z.object({ userId: z.string().max(64).optional() }),
        response: { 200: ProgressBody, ...errors },
      },
    },
    async (req) => trainingProgress(app.store, requireActor(req), req.query.userId),
  );

  app.get(
    '/training/quiz',
    {
      schema: {
        tags: ['training'],
        summary: 'Draw a knowledge quiz (without the answers); send its seed back with the answers',
        response: { 200: QuizDrawBody, ...errors },
      },
    },
    async (req) => drawTrainingQuiz(requireActor(req)),
  );

  app.post(
    '/training/quiz/attempts',
    {
      schema: {
        tags: ['training'],
        summary: 'Answer a drawn quiz: graded, stored, certification recorded when complete',
        body: QuizSubmitRequest,
        response: { 200: QuizResultBody, ...errors },
      },
    },
    async (req) => submitTrainingQuiz(app.store, requireActor(req), req.body, app.now()),
  );

  app.get(
    '/training/cohorts',
    {
      schema: {
        tags: ['training'],
        summary: 'Cohorts with their members and assigned scenarios',
        response: { 200: CohortListBody, ...errors },
      },
    },
    async (req) => ({ cohorts: await listCohorts(app.store, requireActor(req)) }),
  );

  app.post(
    '/training/cohorts',
    {
      schema: {
        tags: ['training'],
        summary: 'Create a cohort',
        body: CreateCohortRequest,
        response: { 200: CohortBody, ...errors },
      },
    },
    async (req) => createCohort(app.store, requireActor(req), req.body),
  );

  app.put(
    '/training/cohorts/:id/members',
    {
      schema: {
        tags: ['training'],
        summary: 'Replace a cohort’s members',
        params: IdParams,
        body: SetCohortMembersRequest,
        response: { 200: CohortBody, ...errors },
      },
    },
    async (req) => setCohortMembers(app.store, requireActor(req), req.params.id, req.body.memberIds),
  );

  app.post(
    '/training/cohorts/:id/assignments',
    {
      schema: {
        tags: ['training'],
        summary: 'Assign scenarios to a cohort with an optional due date (again: a new due date)',
        params: IdParams,
        body: AssignScenariosRequest,
        response: { 200: CohortBody, ...errors },
      },
    },
    async (req) =>
      assignScenarios(
        app.store,
        requireActor(req),
        req.params.id,
        req.body,
        localDateOf(app.now(), app.training.timeZone),
      ),
  );

  app.get(
    '/training/trainees',
    {
      schema: {
        tags: ['training'],
        summary: 'People who can be put in a cohort (trainees, collectors, team leads)',
        response: { 200: TraineeListBody, ...errors },
      },
    },
    async (req) => ({ trainees: await listTrainees(app.store, requireActor(req)) }),
  );

  app.get(
    '/training/leaderboard',
    {
      schema: {
        tags: ['training'],
        summary: 'The leaderboard of a cohort, or of everyone who has trained',
        querystring: z.object({ cohortId: z.string().max(64).optional() }),
        response: { 200: LeaderboardBody, ...errors },
      },
    },
    async (req) => leaderboard(app.store, requireActor(req), req.query.cohortId),
  );
};
