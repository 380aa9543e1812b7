/**
 * The collector's day and the contact panel's follow-ups: the actor's tasks (mine, done), the promises
 * falling due, and a case's contact targets (numbers marked by a contact log, third parties and whether
 * they may still be contacted).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contactTargets } from '../../services/contact-log';
import { completeTask, listMyTasks, promisesDue } from '../../services/tasks';
import { requireActor } from '../app';
import { ErrorBody } from '../contract';
import {
  ContactTargetsBody,
  PromisesDueBody,
  PromisesDueQuery,
  TaskBody,
  TaskDoneBody,
  TaskListBody,
  TasksQuery,
} from '../contract-followup';

const IdParams = z.object({ id: z.string().min(1).max(64) });

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tasks/mine',
    {
      schema: {
        tags: ['tasks'],
        summary:
          "The actor's tasks (a team lead's also the team's tasks without a person): open by default; due by the end of today, overdue, or all",
        querystring: TasksQuery,
        response: { 200: TaskListBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => ({ items: await listMyTasks(app.store, requireActor(req), req.query, app.now()) }),
  );

  app.post(
    '/tasks/:id/done',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Mark one of the actor’s tasks done, with an optional note (done twice is done once)',
        params: IdParams,
        body: TaskDoneBody.nullish(),
        response: { 200: TaskBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => completeTask(app.store, requireActor(req), req.params.id, req.body?.note, app.now()),
  );

  app.get(
    '/promises/due',
    {
      schema: {
        tags: ['tasks'],
        summary:
          "Pending promises on the actor's cases due on the date (default today in the portfolio's zone) and the day after",
        querystring: PromisesDueQuery,
        response: { 200: PromisesDueBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => promisesDue(app.store, requireActor(req), req.query.date, app.now()),
  );

  app.get(
    '/cases/:id/contact-targets',
    {
      schema: {
        tags: ['workbench'],
        summary:
          "A case's numbers with what contact logs marked them as, and its third parties with the gate's answer now",
        params: IdParams,
        response: { 200: ContactTargetsBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => contactTargets(app.store, requireActor(req), req.params.id, app.now()),
  );
};
