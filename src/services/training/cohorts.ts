/**
 * The trainer's side: cohorts (培训班) of trainees, scenarios assigned to a cohort with an optional due
 * date, the people who can be put in a cohort, and the leaderboard. Every change is audited in the
 * transaction that makes it; members are checked (existing, active, a role that trains) and every bad
 * id is named.
 */
import type { BilingualText } from '../../domain/bilingual';
import { isBusinessDate } from '../../domain/dates';
import { AppError, invalid } from '../../errors';
import type { SqlSession, Store } from '../../store/db';
import { findScenario } from '../../training/scenarios';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { isUuid } from '../ids';
import { assertManage, TRAINEE_ROLES } from './access';
import { certifiedSql } from './certified';

export interface CohortView {
  id: string;
  name: string;
  createdAt: string;
  members: { id: string; displayName: string; role: string; certified: boolean }[];
  assignments: {
    scenarioId: string;
    scenarioTitle: BilingualText;
    dueDate: string | null;
    passedBy: number;
  }[];
}

const TRAINEE_ROLE_LIST = `(${TRAINEE_ROLES.map((role) => `'${role}'`).join(', ')})`;

async function cohortsWhere(sql: SqlSession, cohortId: string | null): Promise<CohortView[]> {
  const cohorts = await sql.query<{ id: string; name: string; created_at: Date }>(
    `SELECT id, name, created_at FROM training_cohorts WHERE ($1::uuid IS NULL OR id = $1::uuid)
     ORDER BY created_at DESC, id DESC`,
    [cohortId],
  );
  if (cohorts.rows.length === 0) return [];
  const ids = cohorts.rows.map((row) => row.id);
  const members = await sql.query<{
    cohort_id: string;
    id: string;
    display_name: string;
    role: string;
    certified: boolean;
  }>(
    `SELECT m.cohort_id, u.id, u.display_name, u.role, ${certifiedSql('u.id')} AS certified
     FROM training_cohort_members m JOIN users u ON u.id = m.user_id
     WHERE m.cohort_id = ANY($1::uuid[]) ORDER BY u.display_name, u.id`,
    [ids],
  );
  const assignments = await sql.query<{
    cohort_id: string;
    scenario_id: string;
    due_date: string | null;
    passed_by: number;
  }>(
    `SELECT a.cohort_id, a.scenario_id, a.due_date,
       (SELECT count(DISTINCT s.user_id)::int FROM training_sessions s
        JOIN training_cohort_members m ON m.user_id = s.user_id AND m.cohort_id = a.cohort_id
        WHERE s.scenario_id = a.scenario_id AND s.status = 'ended' AND s.passed) AS passed_by
     FROM training_assignments a WHERE a.cohort_id = ANY($1::uuid[])
     ORDER BY a.due_date NULLS LAST, a.assigned_at`,
    [ids],
  );
  return cohorts.rows.map((cohort) => ({
    id: cohort.id,
    name: cohort.name,
    createdAt: cohort.created_at.toISOString(),
    members: members.rows
      .filter((row) => row.cohort_id === cohort.id)
      .map((row) => ({
        id: row.id,
        displayName: row.display_name,
        role: row.role,
        certified: row.certified,
      })),
    assignments: assignments.rows
      .filter((row) => row.cohort_id === cohort.id)
      .map((row) => ({
        scenarioId: row.scenario_id,
        scenarioTitle: {
          ...(findScenario(row.scenario_id)?.title ?? { zh: row.scenario_id, en: row.scenario_id }),
        },
        dueDate: row.due_date,
        passedBy: row.passed_by,
      })),
  }));
}

export async function listCohorts(store: Store, actor: Actor): Promise<CohortView[]> {
  assertManage(actor);
  return cohortsWhere(store.sql, null);
}

async function cohortView(sql: SqlSession, id: string): Promise<CohortView> {
  const [view] = await cohortsWhere(sql, id);
  if (!view) throw new AppError('TRAINING_COHORT_NOT_FOUND');
  return view;
}

/** Checks member ids: each a UUID of an active user who trains; every bad one is named. */
async function checkedMembers(sql: SqlSession, value: unknown): Promise<string[]> {
  if (!Array.isArray(value)) throw invalid('memberIds', '必须是学员编号的列表', 'must be a list of user ids');
  const ids = [...new Set(value)];
  const malformed = ids.findIndex((id) => typeof id !== 'string' || !isUuid(id));
  if (malformed >= 0) {
    throw invalid(`memberIds.${malformed}`, '不是有效的用户编号', 'is not a valid user id');
  }
  if (ids.length === 0) return [];
  const found = await sql.query<{ id: string; role: string; active: boolean; display_name: string }>(
    'SELECT id, role, active, display_name FROM users WHERE id = ANY($1::uuid[])',
    [ids],
  );
  const byId = new Map(found.rows.map((row) => [row.id, row]));
  for (const [index, id] of ids.entries()) {
    const user = byId.get(id as string);
    if (!user) throw invalid(`memberIds.${index}`, '用户不存在', 'no such user');
    if (!user.active) {
      throw invalid(
        `memberIds.${index}`,
        `${user.display_name} 的账号已停用`,
        `${user.display_name} is disabled`,
      );
    }
    if (!(TRAINEE_ROLES as readonly string[]).includes(user.role)) {
      throw invalid(
        `memberIds.${index}`,
        `${user.display_name} 不是学员、催收员或组长，不能加入培训班`,
        `${user.display_name} is not a trainee, collector or team lead`,
      );
    }
  }
  return ids as string[];
}

export async function createCohort(
  store: Store,
  actor: Actor,
  input: { name: unknown; memberIds: unknown },
): Promise<CohortView> {
  const trainerId = assertManage(actor);
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '') throw invalid('name', '必须填写培训班名称', 'a cohort name is required');
  if (name.length > 100) throw invalid('name', '最多 100 个字', 'at most 100 characters');
  const id = await store.transaction(async (tx) => {
    const members = await checkedMembers(tx.sql, input.memberIds);
    const inserted = await tx.sql.query<{ id: string }>(
      'INSERT INTO training_cohorts (name, created_by) VALUES ($1, $2::uuid) RETURNING id',
      [name, trainerId],
    );
    const cohortId = inserted.rows[0]?.id as string;
    if (members.length > 0) {
      await tx.sql.query(
        `INSERT INTO training_cohort_members (cohort_id, user_id)
         SELECT $1::uuid, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [cohortId, members],
      );
    }
    await writeAudit(tx.db, actor, {
      action: 'training.cohort.create',
      entityType: 'training_cohort',
      entityId: cohortId,
      after: { name, members },
    });
    return cohortId;
  });
  return cohortView(store.sql, id);
}

function cohortId(value: string): string {
  if (!isUuid(value)) throw new AppError('TRAINING_COHORT_NOT_FOUND');
  return value;
}

/** Replaces a cohort's members (their calls stay theirs). */
export async function setCohortMembers(
  store: Store,
  actor: Actor,
  id: string,
  memberIds: unknown,
): Promise<CohortView> {
  assertManage(actor);
  const cohort = cohortId(id);
  await store.transaction(async (tx) => {
    const locked = await tx.sql.query('SELECT id FROM training_cohorts WHERE id = $1::uuid FOR UPDATE', [
      cohort,
    ]);
    if (locked.rows.length === 0) throw new AppError('TRAINING_COHORT_NOT_FOUND');
    const members = await checkedMembers(tx.sql, memberIds);
    const before = await tx.sql.query<{ user_id: string }>(
      'SELECT user_id FROM training_cohort_members WHERE cohort_id = $1::uuid ORDER BY user_id',
      [cohort],
    );
    await tx.sql.query(
      'DELETE FROM training_cohort_members WHERE cohort_id = $1::uuid AND NOT (user_id = ANY($2::uuid[]))',
      [cohort, members],
    );
    if (members.length > 0) {
      await tx.sql.query(
        `INSERT INTO training_cohort_members (cohort_id, user_id)
         SELECT $1::uuid, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [cohort, members],
      );
    }
    await writeAudit(tx.db, actor, {
      action: 'training.cohort.members',
      entityType: 'training_cohort',
      entityId: cohort,
      before: before.rows.map((row) => row.user_id),
      after: [...members].sort(),
    });
  });
  return cohortView(store.sql, cohort);
}

/** Assigns scenarios to a cohort; assigning one again changes its due date. */
export async function assignScenarios(
  store: Store,
  actor: Actor,
  id: string,
  input: { scenarioIds: unknown; dueDate?: unknown },
  today: string,
): Promise<CohortView> {
  const trainerId = assertManage(actor);
  const cohort = cohortId(id);
  if (!Array.isArray(input.scenarioIds) || input.scenarioIds.length === 0) {
    throw invalid('scenarioIds', '至少选择一个场景', 'choose at least one scenario');
  }
  const scenarioIds = [...new Set(input.scenarioIds)];
  for (const [index, scenarioId] of scenarioIds.entries()) {
    if (typeof scenarioId !== 'string' || !findScenario(scenarioId)) {
      throw invalid(
        `scenarioIds.${index}`,
        `没有场景 ${String(scenarioId)}`,
        `no scenario ${String(scenarioId)}`,
      );
    }
  }
  const due = input.dueDate ?? null;
  if (due !== null && (typeof due !== 'string' || !isBusinessDate(due))) {
    throw invalid('dueDate', '必须是 YYYY-MM-DD 格式的日期', 'must be a date YYYY-MM-DD');
  }
  if (typeof due === 'string' && due < today) {
    throw invalid('dueDate', `不能早于今天（${today}）`, `must not be before today (${today})`);
  }
  await store.transaction(async (tx) => {
    const locked = await tx.sql.query('SELECT id FROM training_cohorts WHERE id = $1::uuid FOR UPDATE', [
      cohort,
    ]);
    if (locked.rows.length === 0) throw new AppError('TRAINING_COHORT_NOT_FOUND');
    await tx.sql.query(
      `INSERT INTO training_assignments (cohort_id, scenario_id, due_date, assigned_by)
       SELECT $1::uuid, unnest($2::text[]), $3::date, $4::uuid
       ON CONFLICT (cohort_id, scenario_id) DO UPDATE SET due_date = EXCLUDED.due_date,
         assigned_by = EXCLUDED.assigned_by, assigned_at = now()`,
      [cohort, scenarioIds, due, trainerId],
    );
    await writeAudit(tx.db, actor, {
      action: 'training.cohort.assign',
      entityType: 'training_cohort',
      entityId: cohort,
      after: { scenarioIds, dueDate: due },
    });
  });
  return cohortView(store.sql, cohort);
}

/** Who can be put in a cohort: active trainees, collectors and team leads. */
export async function listTrainees(store: Store, actor: Actor) {
  assertManage(actor);
  const rows = await store.sql.query<{ id: string; display_name: string; role: string; certified: boolean }>(
    `SELECT u.id, u.display_name, u.role, ${certifiedSql('u.id')} AS certified FROM users u
     WHERE u.active AND u.role IN ${TRAINEE_ROLE_LIST} ORDER BY u.role DESC, u.display_name, u.id`,
  );
  return rows.rows.map((row) => ({
    id: row.id,
    displayName: row.display_name,
    role: row.role,
    certified: row.certified,
  }));
}

interface LeaderRow {
  id: string;
  display_name: string;
  scenarios_passed: number;
  average_best: number | null;
  calls: number;
  violations: number;
  certified: boolean;
}

/**
 * The leaderboard of a cohort (or of everyone who trains): distinct scenarios passed, the average of the
 * best score in each passed scenario, ended calls and violations; ranked by scenarios passed, then the
 * average, then fewer violations. Equal results share a rank.
 */
export async function leaderboard(store: Store, actor: Actor, cohortParam: unknown) {
  assertManage(actor);
  let cohort: string | null = null;
  if (cohortParam !== undefined && cohortParam !== null && cohortParam !== '') {
    if (typeof cohortParam !== 'string') throw invalid('cohortId', '不是有效的编号', 'is not a valid id');
    cohort = cohortId(cohortParam);
    await cohortView(store.sql, cohort);
  }
  const rows = await store.sql.query<LeaderRow>(
    `WITH people AS (
       SELECT u.id, u.display_name FROM users u
       WHERE CASE WHEN $1::uuid IS NULL
         THEN u.active AND u.role IN ${TRAINEE_ROLE_LIST}
              AND EXISTS (SELECT 1 FROM training_sessions s WHERE s.user_id = u.id)
         ELSE u.id IN (SELECT m.user_id FROM training_cohort_members m WHERE m.cohort_id = $1::uuid) END
     ),
     best AS (
       SELECT s.user_id, s.scenario_id, max(s.score) AS score FROM training_sessions s
       WHERE s.status = 'ended' AND s.passed GROUP BY s.user_id, s.scenario_id
     )
     SELECT p.id, p.display_name,
       (SELECT count(*)::int FROM best b WHERE b.user_id = p.id) AS scenarios_passed,
       (SELECT round(avg(b.score))::int FROM best b WHERE b.user_id = p.id) AS average_best,
       (SELECT count(*)::int FROM training_sessions s WHERE s.user_id = p.id AND s.status = 'ended') AS calls,
       (SELECT coalesce(sum(s.violations), 0)::int FROM training_sessions s WHERE s.user_id = p.id) AS violations,
       ${certifiedSql('p.id')} AS certified
     FROM people p`,
    [cohort],
  );
  const sorted = [...rows.rows].sort(
    (a, b) =>
      b.scenarios_passed - a.scenarios_passed ||
      (b.average_best ?? -1) - (a.average_best ?? -1) ||
      a.violations - b.violations ||
      a.display_name.localeCompare(b.display_name, 'zh-CN'),
  );
  let rank = 0;
  let previous: LeaderRow | null = null;
  const out = sorted.map((row, index) => {
    const tie =
      previous !== null &&
      previous.scenarios_passed === row.scenarios_passed &&
      previous.average_best === row.average_best &&
      previous.violations === row.violations;
    if (!tie) rank = index + 1;
    previous = row;
    return {
      rank,
      trainee: { id: row.id, displayName: row.display_name },
      scenariosPassed: row.scenarios_passed,
      averageBest: row.average_best,
      calls: row.calls,
      violations: row.violations,
      certified: row.certified,
    };
  });
  return { cohortId: cohort, rows: out };
}
