import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCaseDetail, listCases, revealPersonalData } from '../../services/cases';
import { requireActor } from '../app';
import { CaseDetail, CaseList, CaseListQuery, ErrorBody, RevealBody, RevealResult } from '../contract';

const CaseParams = z.object({ id: z.string().min(1).max(64) });

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases visible to the user, filtered and searched (name prefix, contract prefix, phone)',
        querystring: CaseListQuery,
        response: { 200: CaseList, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => listCases(app.store, requireActor(req), req.query),
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case with its debtor (personal data masked), accounts, contacts and bucket history',
        params: CaseParams,
        response: { 200: CaseDetail, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => getCaseDetail(app.store, requireActor(req), req.params.id, app.now()),
  );

  app.post(
    '/cases/:id/reveal',
    {
      schema: {
        tags: ['cases'],
        summary: 'Reveal one masked personal-data item; permission-checked and audited',
        params: CaseParams,
        body: RevealBody,
        response: { 200: RevealResult, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => revealPersonalData(app.store, requireActor(req), req.params.id, req.body),
  );
};
