import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, gt, lt } from 'drizzle-orm';
import { isRoleCode } from '../domain/roles';
import { AppError } from '../errors';
import type { Db, Store } from '../store/db';
import { agencies, sessions, teams, users } from '../store/schema';
import type { Actor } from './actor';
import { writeAudit } from './audit';

/** A signed-in session lasts a working day and a half; logging out ends it at once. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: string;
  teamId: string | null;
  teamName: string | null;
  agencyId: string | null;
  agencyName: string | null;
  locale: 'zh-CN' | 'en';
  collectorScope: 'own' | 'team';
  active: boolean;
}

async function loadUser(
  db: Db,
  where: ReturnType<typeof eq>,
): Promise<(UserView & { passwordHash: string }) | null> {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      teamId: users.teamId,
      teamName: teams.name,
      collectorScope: teams.collectorScope,
      agencyId: users.agencyId,
      agencyName: agencies.name,
      locale: users.locale,
      active: users.active,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(where)
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return { ...row, collectorScope: row.collectorScope ?? 'own' };
}

export function actorOf(user: UserView, requestId?: string): Actor {
  if (!isRoleCode(user.role)) throw new AppError('FORBIDDEN');
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    teamId: user.teamId,
    agencyId: user.agencyId,
    collectorScope: user.collectorScope,
    requestId,
  };
}

// A real hash to verify against when the user does not exist, so timing does not reveal usernames.
let dummyHash: Promise<string> | null = null;

export async function login(
  store: Store,
  input: { username: string; password: string; now: Date; requestId?: string },
): Promise<{ token: string; user: UserView; expiresAt: Date }> {
  const user = await loadUser(store.db, eq(users.username, input.username));
  if (!user) {
    dummyHash ??= hash('not-a-user-password');
    await verify(await dummyHash, input.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!(await verify(user.passwordHash, input.password))) throw new AppError('INVALID_CREDENTIALS');
  if (!user.active) throw new AppError('ACCOUNT_DISABLED');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + SESSION_TTL_MS);
  const { passwordHash: _, ...view } = user;
  await store.transaction(async ({ db }) => {
    await db.delete(sessions).where(and(eq(sessions.userId, user.id), lt(sessions.expiresAt, input.now)));
    await db
      .insert(sessions)
      .values({ id: sessionId(token), userId: user.id, createdAt: input.now, expiresAt });
    await writeAudit(db, actorOf(view, input.requestId), {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
    });
  });
  return { token, user: view, expiresAt };
}

export async function logout(store: Store, token: string, actor: Actor): Promise<void> {
  await store.transaction(async ({ db }) => {
    await db.delete(sessions).where(eq(sessions.id, sessionId(token)));
    await writeAudit(db, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
}

/** The user behind a session token, or null when the token is unknown, expired or the user disabled. */
export async function userForSession(store: Store, token: string, now: Date): Promise<UserView | null> {
  const rows = await store.db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId(token)), gt(sessions.expiresAt, now)))
    .limit(1);
  const found = rows[0];
  if (!found) return null;
  const user = await loadUser(store.db, eq(users.id, found.userId));
  if (!user?.active) return null;
  const { passwordHash: _, ...view } = user;
  return view;
}

export async function setLocale(store: Store, actor: Actor, locale: 'zh-CN' | 'en'): Promise<void> {
  if (!actor.userId) return;
  const userId = actor.userId;
  await store.transaction(async ({ db }) => {
    const before = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
    await db.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId));
    await writeAudit(db, actor, {
      action: 'user.locale',
      entityType: 'user',
      entityId: userId,
      before: before[0] ?? null,
      after: { locale },
    });
  });
}

export async function getUserView(store: Store, userId: string): Promise<UserView | null> {
  const user = await loadUser(store.db, eq(users.id, userId));
  if (!user) return null;
  const { passwordHash: _, ...view } = user;
  return view;
}
