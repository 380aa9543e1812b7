/**
 * The HTTP server: /api/v1 (zod-validated, OpenAPI at /api/docs) and the web UI from dist/web, in one
 * process. Routes stay thin: they parse, call a service with the actor, and shape the answer.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { centerTimeZoneFromEnv, type LlmConfig } from '../config';
import { AppError } from '../errors';
import type { Actor } from '../services/actor';
import { actorOf, type UserView, userForSession } from '../services/auth';
import type { Store } from '../store/db';
import { approvalRoutes } from './routes/approvals';
import { assessmentRoutes } from './routes/assessment';
import { assignmentRoutes } from './routes/assignment';
import { authRoutes } from './routes/auth';
import { batchRoutes } from './routes/batch';
import { caseRoutes } from './routes/cases';
import { contactRoutes } from './routes/contacts';
import { healthRoutes } from './routes/health';
import { importRoutes } from './routes/imports';
import { listeningRoutes } from './routes/listening';
import { moneyRoutes } from './routes/money';
import { moneyScreenRoutes } from './routes/payments-ui';
import { portfolioRoutes } from './routes/portfolios';
import { qaRoutes } from './routes/qa';
import { strategyRoutes } from './routes/strategy';
import { taskRoutes } from './routes/tasks';
import { templateRoutes } from './routes/templates';
import { trainingRoutes } from './routes/training';
import { userRoutes } from './routes/users';
import { workbenchRoutes } from './routes/workbench';

export const SESSION_COOKIE = 'qs_session';
export const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface AppOptions {
  store: Store;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  logger?: boolean | object;
  /** Serve the built web UI from dist/web when it exists (default true). */
  serveWeb?: boolean;
  /** Largest accepted upload in bytes. */
  maxUploadBytes?: number;
  version?: string;
  /** The training simulator's optional LLM for wording the debtor's lines (null: the offline bank only). */
  llm?: LlmConfig | null;
  /** The center's zone: the business date of training calls (default QINGSHOU_TIME_ZONE). */
  timeZone?: string;
  /** For tests: the HTTP client the LLM is called with. */
  llmFetch?: typeof fetch;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    user: UserView | null;
    sessionToken: string | null;
  }
  interface FastifyInstance {
    store: Store;
    now: () => Date;
    appVersion: string;
    training: { timeZone: string; llm: LlmConfig | null; fetch?: typeof fetch };
  }
}

/** The signed-in actor, or a 401. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

function sendError(reply: FastifyReply, error: AppError) {
  return reply.code(error.status).send(error.toJSON());
}

function validationError(err: { validation?: unknown[]; validationContext?: string }): AppError {
  const first = (err.validation?.[0] ?? {}) as {
    instancePath?: string;
    message?: string;
    params?: { issue?: { path?: unknown[] } };
  };
  const path =
    first.params?.issue?.path?.join('.') || first.instancePath?.replace(/^\//, '').replace(/\//g, '.') || '';
  const field = [err.validationContext, path].filter(Boolean).join('.') || 'request';
  const reason = first.message ?? 'invalid';
  return new AppError(
    'VALIDATION_FAILED',
    { field, reason: `不符合要求（${reason}）`, reasonEn: reason },
    { field, issues: err.validation },
  );
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('store', options.store);
  app.decorate('now', options.now ?? (() => new Date()));
  app.decorate('appVersion', options.version ?? '0.1.0');
  app.decorate('training', {
    timeZone: options.timeZone ?? centerTimeZoneFromEnv(),
    llm: options.llm ?? null,
    ...(options.llmFetch ? { fetch: options.llmFetch } : {}),
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: options.maxUploadBytes ?? 512 * 1024 * 1024, files: 1, fields: 10 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '清收 Qingshou API',
        description:
          'Case ledger, import, personal-data access, quality inspection and templates of Qingshou. Amounts are integer fen.',
        version: options.version ?? '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    const user = await userForSession(options.store, token, app.now());
    if (user) {
      req.user = user;
      req.sessionToken = token;
      req.actor = actorOf(user, req.id);
    }
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) return sendError(reply, err);
    if (hasZodFastifySchemaValidationErrors(err)) return sendError(reply, validationError(err));
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return sendError(reply, new AppError('INTERNAL'));
    }
    const e = err as { code?: string; statusCode?: number; message?: string };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, new AppError('PAYLOAD_TOO_LARGE'));
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return sendError(
        reply,
        new AppError('VALIDATION_FAILED', {
          field: 'request',
          reason: e.message ?? '',
          reasonEn: e.message ?? '',
        }),
      );
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(reply, new AppError('INTERNAL'));
  });

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(portfolioRoutes);
      await api.register(caseRoutes);
      await api.register(contactRoutes);
      await api.register(importRoutes);
      await api.register(userRoutes);
      await api.register(qaRoutes);
      await api.register(templateRoutes);
      await api.register(moneyRoutes);
      await api.register(moneyScreenRoutes);
      await api.register(batchRoutes);
      await api.register(approvalRoutes);
      await api.register(workbenchRoutes);
      await api.register(taskRoutes);
      await api.register(listeningRoutes);
      await api.register(assessmentRoutes);
      await api.register(assignmentRoutes);
      await api.register(strategyRoutes);
      await api.register(trainingRoutes);
    },
    { prefix: '/api/v1' },
  );

  const serveWeb = (options.serveWeb ?? true) && existsSync(`${webRoot}/index.html`);
  if (serveWeb) {
    // wildcard: files are looked up per request, so a rebuilt UI is served without a restart.
    await app.register(fastifyStatic, { root: webRoot, wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    // API paths and missing files (scripts, styles, images) are real 404s; only page routes get the SPA.
    if (path.startsWith('/api/') || !serveWeb || req.method !== 'GET' || /\.[a-z0-9]+$/i.test(path)) {
      return sendError(reply, new AppError('NOT_FOUND'));
    }
    // The SPA owns every other path: hand it index.html and let its router decide.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
