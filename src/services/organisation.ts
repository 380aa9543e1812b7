/** Teams and outside agencies: who cases are assigned to, and what a collector of a team may see. */
import { eq } from 'drizzle-orm';
import { AppError, invalid } from '../errors';
import type { Db, Store } from '../store/db';
import { agencies, teams } from '../store/schema';
import type { Actor } from './actor';
import { writeAudit } from './audit';

const CODE = /^[A-Za-z0-9_-]{2,32}$/;

function checkCodeAndName(code: string, name: string): void {
  if (!CODE.test(code))
    throw invalid('code', '须为 2-32 位字母、数字、下划线或连字符', 'must be 2-32 letters, digits, _ or -');
  if (!name.trim()) throw invalid('name', '不能为空', 'is required');
}

export async function createTeam(
  store: Store,
  actor: Actor,
  input: { code: string; name: string; collectorScope?: 'own' | 'team' },
): Promise<string> {
  checkCodeAndName(input.code, input.name);
  const collectorScope = input.collectorScope ?? 'own';
  if (collectorScope !== 'own' && collectorScope !== 'team') {
    throw invalid('collectorScope', '须为 own（仅本人案件）或 team（全组案件）', 'must be own or team');
  }
  return store.transaction(async ({ db }) => {
    if ((await db.select({ id: teams.id }).from(teams).where(eq(teams.code, input.code))).length > 0) {
      throw invalid('code', `团队 ${input.code} 已存在`, `team ${input.code} already exists`);
    }
    const [row] = await db
      .insert(teams)
      .values({ code: input.code, name: input.name.trim(), collectorScope })
      .returning({ id: teams.id });
    if (!row) throw new AppError('INTERNAL');
    await writeAudit(db, actor, {
      action: 'team.create',
      entityType: 'team',
      entityId: row.id,
      after: { code: input.code, name: input.name, collectorScope },
    });
    return row.id;
  });
}

export async function createAgency(
  store: Store,
  actor: Actor,
  input: { code: string; name: string },
): Promise<string> {
  checkCodeAndName(input.code, input.name);
  return store.transaction(async ({ db }) => {
    if (
      (await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, input.code))).length > 0
    ) {
      throw invalid('code', `委外机构 ${input.code} 已存在`, `agency ${input.code} already exists`);
    }
    const [row] = await db
      .insert(agencies)
      .values({ code: input.code, name: input.name.trim() })
      .returning({ id: agencies.id });
    if (!row) throw new AppError('INTERNAL');
    await writeAudit(db, actor, {
      action: 'agency.create',
      entityType: 'agency',
      entityId: row.id,
      after: input,
    });
    return row.id;
  });
}

export async function teamIdByCode(db: Db, code: string): Promise<string> {
  const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.code, code));
  if (!row) throw invalid('team', `团队 ${code} 不存在`, `team ${code} does not exist`);
  return row.id;
}

export async function agencyIdByCode(db: Db, code: string): Promise<string> {
  const [row] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, code));
  if (!row) throw invalid('agency', `委外机构 ${code} 不存在`, `agency ${code} does not exist`);
  return row.id;
}
