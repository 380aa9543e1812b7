import { and, asc, eq, type SQL } from 'drizzle-orm';
import { isRoleCode, ROLES, type RoleCode } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { Db, Store } from '../store/db';
import { agencies, teams, users } from '../store/schema';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { hashPassword } from './auth';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: RoleCode;
  teamId?: string | null;
  agencyId?: string | null;
  locale?: 'zh-CN' | 'en';
}

export async function createUser(db: Db, actor: Actor, input: NewUser): Promise<string> {
  if (!/^[a-z0-9._-]{2,64}$/.test(input.username)) {
    throw invalid(
      'username',
      '须为 2-64 位小写字母、数字或 . _ -',
      'must be 2-64 lowercase letters, digits, . _ or -',
    );
  }
  if (input.password.length < 8) throw invalid('password', '至少 8 个字符', 'must be at least 8 characters');
  if (!isRoleCode(input.role)) throw invalid('role', '未知角色', 'unknown role');
  if (input.role === 'agency' && !input.agencyId) {
    throw invalid('agencyId', '委外机构用户必须指定所属机构', 'is required for agency users');
  }
  const [row] = await db
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      teamId: input.teamId ?? null,
      agencyId: input.agencyId ?? null,
      locale: input.locale ?? 'zh-CN',
    })
    .returning({ id: users.id });
  if (!row) throw new AppError('INTERNAL');
  await writeAudit(db, actor, {
    action: 'user.create',
    entityType: 'user',
    entityId: row.id,
    after: {
      username: input.username,
      role: input.role,
      teamId: input.teamId ?? null,
      agencyId: input.agencyId ?? null,
    },
  });
  return row.id;
}

/** Users for pickers (e.g. the collector filter). Team leads see their own team only. */
export async function listUsers(store: Store, actor: Actor, filter: { role?: string }) {
  if (actor.kind === 'user' && (!actor.role || !ROLES[actor.role].permissions.includes('users.read'))) {
    throw new AppError('FORBIDDEN');
  }
  const conditions: SQL[] = [eq(users.active, true)];
  if (filter.role) {
    if (!isRoleCode(filter.role)) throw invalid('role', '未知角色', 'unknown role');
    conditions.push(eq(users.role, filter.role));
  }
  if (actor.role === 'team_lead') {
    if (!actor.teamId) return [];
    conditions.push(eq(users.teamId, actor.teamId));
  }
  const rows = await store.db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      teamName: teams.name,
      agencyName: agencies.name,
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(...conditions))
    .orderBy(asc(users.username));
  return rows.map((r) => ({ ...r, role: r.role as RoleCode }));
}
