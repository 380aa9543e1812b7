import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES, type RoleCode } from '../../domain/roles';
import { AppError } from '../../errors';
import { getUserView, login, logout, setLocale, type UserView } from '../../services/auth';
import { requireActor, SESSION_COOKIE } from '../app';
import { ErrorBody, LoginBody, Me } from '../contract';

export function meOf(user: UserView) {
  const role = ROLES[user.role as RoleCode];
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: role.code,
    roleName: role.nameZh,
    roleNameEn: role.nameEn,
    teamId: user.teamId,
    teamName: user.teamName,
    agencyId: user.agencyId,
    agencyName: user.agencyName,
    locale: user.locale,
    permissions: [...role.permissions],
  };
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        security: [],
        body: LoginBody,
        response: { 200: Me, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req, reply) => {
      const { token, user, expiresAt } = await login(app.store, {
        username: req.body.username,
        password: req.body.password,
        now: app.now(),
        requestId: req.id,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: req.protocol === 'https',
        expires: expiresAt,
      });
      return meOf(user);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), 401: ErrorBody } } },
    async (req, reply) => {
      const actor = requireActor(req);
      if (req.sessionToken) await logout(app.store, req.sessionToken, actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Me, 401: ErrorBody } } },
    async (req) => {
      requireActor(req);
      if (!req.user) throw new AppError('UNAUTHENTICATED');
      return meOf(req.user);
    },
  );

  app.patch(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change the signed-in user’s language',
        body: z.object({ locale: z.enum(['zh-CN', 'en']) }),
        response: { 200: Me, 401: ErrorBody },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await setLocale(app.store, actor, req.body.locale);
      const user = actor.userId ? await getUserView(app.store, actor.userId) : null;
      if (!user) throw new AppError('UNAUTHENTICATED');
      return meOf(user);
    },
  );
};
