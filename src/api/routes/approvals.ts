import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listComplaints, raiseComplaint, releaseComplaint } from '../../services/complaints';
import { decideWaiverRequest, listWaivers, requestWaiver } from '../../services/waivers';
import { requireActor } from '../app';
import {
  ComplaintBody,
  ComplaintCreateBody,
  ComplaintReleaseBody,
  ErrorBody,
  WaiverBody,
  WaiverCreateBody,
  WaiverDecisionBody,
  WaiverListQuery,
} from '../contract';

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Waivers and settlements (减免/和解) and complaints (投诉/争议): requests and the approvals inbox. */
export const approvalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/cases/:id/waivers',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Request a waiver (amount given up) or a settlement (amount paid, the rest waived)',
        params: IdParams,
        body: WaiverCreateBody,
        response: {
          201: WaiverBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const created = await requestWaiver(app.store, requireActor(req), req.params.id, req.body, app.now());
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/cases/:id/waivers',
    {
      schema: {
        tags: ['approvals'],
        summary: "A case's waiver requests with the given status (default pending)",
        params: IdParams,
        querystring: WaiverListQuery,
        response: { 200: z.array(WaiverBody), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) =>
      listWaivers(app.store, requireActor(req), { status: req.query.status, caseId: req.params.id }),
  );

  app.get(
    '/approvals/waivers',
    {
      schema: {
        tags: ['approvals'],
        summary:
          'The approvals inbox: pending requests whose next step the actor may approve (never their own); or decided ones',
        querystring: WaiverListQuery,
        response: { 200: z.array(WaiverBody), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => listWaivers(app.store, requireActor(req), { status: req.query.status }),
  );

  app.post(
    '/waivers/:id/decision',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Approve or reject the next step; the final approval applies the waiver to the balance',
        params: IdParams,
        body: WaiverDecisionBody,
        response: {
          200: WaiverBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (req) => decideWaiverRequest(app.store, requireActor(req), req.params.id, req.body, app.now()),
  );

  app.post(
    '/cases/:id/complaints',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Register a complaint or dispute: contact on the case is frozen until it is released',
        params: IdParams,
        body: ComplaintCreateBody,
        response: { 201: ComplaintBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const created = await raiseComplaint(app.store, requireActor(req), req.params.id, req.body, app.now());
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/cases/:id/complaints',
    {
      schema: {
        tags: ['approvals'],
        summary: "A case's open complaints",
        params: IdParams,
        response: { 200: z.array(ComplaintBody), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => listComplaints(app.store, requireActor(req), { caseId: req.params.id }),
  );

  app.post(
    '/complaints/:id/release',
    {
      schema: {
        tags: ['approvals'],
        summary:
          'Release a complaint with a note; the freeze lifts when no other complaint of the case is open',
        params: IdParams,
        body: ComplaintReleaseBody,
        response: {
          200: ComplaintBody,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (req) => releaseComplaint(app.store, requireActor(req), req.params.id, req.body.note, app.now()),
  );

  app.get(
    '/approvals/complaints',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Open complaints and disputes in the actor’s scope, oldest first',
        response: { 200: z.array(ComplaintBody), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => listComplaints(app.store, requireActor(req), {}),
  );
};
