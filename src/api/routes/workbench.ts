/**
 * The collector's workbench: a case's timeline, the contact gate's state now per phone (no reservation),
 * logging a contact's outcome (action code, note, promise), case notes, and the talk tracks.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTION_CODES, actionCodeDefinition } from '../../domain/action-codes';
import { addCaseNote } from '../../services/case-notes';
import { caseScripts } from '../../services/case-scripts';
import { logContact } from '../../services/contact-log';
import { previewGate } from '../../services/gate-preview';
import { caseTimeline } from '../../services/timeline';
import { requireActor } from '../app';
import {
  ActionCodeList,
  CaseNoteBody,
  CaseNoteCreateBody,
  CaseScriptsBody,
  ContactLogBody,
  ContactLogResultBody,
  ErrorBody,
  GatePreviewBody,
  ScriptsQuery,
  TimelineBody,
} from '../contract';

const IdParams = z.object({ id: z.string().min(1).max(64) });

const actionCodes = ACTION_CODES.map((code) => {
  const d = actionCodeDefinition(code);
  return { code, zh: d.label.zh, en: d.label.en, parties: [...d.parties], followUp: d.followUp };
});

export const workbenchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cases/:id/timeline',
    {
      schema: {
        tags: ['workbench'],
        summary:
          "A case's timeline, newest first: contacts, promises, payments, notes, bucket moves, assignments",
        params: IdParams,
        response: { 200: TimelineBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => ({ items: await caseTimeline(app.store, requireActor(req), req.params.id) }),
  );

  app.get(
    '/cases/:id/gate',
    {
      schema: {
        tags: ['workbench'],
        summary: "The contact gate's state now for the debtor's phones (call and SMS); reserves nothing",
        params: IdParams,
        response: { 200: GatePreviewBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => previewGate(app.store, requireActor(req), req.params.id, app.now()),
  );

  app.post(
    '/cases/:id/contact-log',
    {
      schema: {
        tags: ['workbench'],
        summary:
          'Log a reserved contact: action code, note and (promise to pay) the promise; all or nothing, once',
        params: IdParams,
        body: ContactLogBody,
        response: {
          200: ContactLogResultBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req) => logContact(app.store, requireActor(req), req.params.id, req.body, app.now()),
  );

  app.post(
    '/cases/:id/notes',
    {
      schema: {
        tags: ['workbench'],
        summary: 'Leave a note on a case',
        params: IdParams,
        body: CaseNoteCreateBody,
        response: { 201: CaseNoteBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const note = await addCaseNote(app.store, requireActor(req), req.params.id, req.body.body, app.now());
      return reply.code(201).send(note);
    },
  );

  app.get(
    '/cases/:id/scripts',
    {
      schema: {
        tags: ['workbench'],
        summary: "Talk tracks for the case's stage, class and personality, with an objection's handlers",
        params: IdParams,
        querystring: ScriptsQuery,
        response: { 200: CaseScriptsBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => caseScripts(app.store, requireActor(req), req.params.id, req.query.objection ?? null),
  );

  app.get(
    '/action-codes',
    {
      schema: {
        tags: ['workbench'],
        summary: 'The action codes a contact is logged with (labels, parties, follow-up form)',
        response: { 200: ActionCodeList, 401: ErrorBody },
      },
    },
    async (req) => {
      requireActor(req);
      return { items: actionCodes };
    },
  );
};
