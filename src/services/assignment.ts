/**
 * Assignment (分案), reassignment (转派), agency placement (委外) and recall, the team lead's screens, and
 * why each case is where it is.
 *
 * - `assignUnassigned` runs the pure planner (domain/assignment) over a portfolio's open cases that have
 *   no collector and are not with an agency, in one transaction under a per-portfolio advisory lock; the
 *   case rows are locked, so a reassignment or placement at the same moment waits or is waited for.
 * - Every move writes an `assignment_history` row (rule, reason, from, to, by, at) and one audit row per
 *   action, in the same transaction. Reasons the system writes are stored as "中文\nEnglish"; a reason a
 *   person types is stored as typed (on one line).
 * - A placed case has no collector and no team (it leaves every in-house queue and scope) and carries the
 *   agency; the placement's history row keeps the collector and team it came from, and a recall gives it
 *   back to them (or to the rules when they are inactive, full or no longer in the team). The stage goes
 *   back to 'phone': the stage before the placement is not stored.
 * - Capacity: users.case_capacity, else the team's case_capacity_per_collector; load = open cases.
 *   Certified: the collector holds a training certification (training_certifications); a portfolio that
 *   requires certification gives cases only to certified collectors.
 */
import {
  type AssignmentRules,
  assignmentRulesOf,
  type PlanEntry,
  type PlannerCase,
  type PlannerCollector,
  planAssignment,
  validateAssignmentRules,
} from '../domain/assignment';
import type { BilingualText } from '../domain/bilingual';
import { isBusinessDate } from '../domain/dates';
import { can, type Permission } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { SqlSession, Store } from '../store/db';
import type { BucketRangeConfig } from '../store/schema';
import { type Actor, systemActor } from './actor';
import { caseScopeSql } from './case-scope';
import { assertCaseReader, formatCaseNo } from './cases';
import { isUuid } from './ids';
import { certifiedSql } from './training/certified';

/** Namespace of the advisory lock that serialises assignment runs and recalls per portfolio. */
const ASSIGN_LOCK_CLASS = 725_042;
/** The most cases one reassignment or placement may name, and one placement may hold. */
const MAX_REASSIGN = 1000;
const MAX_PLACEMENT = 20_000;
/** Unplanned cases listed in an answer (the count is always complete). */
const UNPLANNED_LISTED = 100;

// ——— helpers ———

function allow(actor: Actor, ...permissions: Permission[]): void {
  if (actor.kind === 'system') return;
  if (!actor.role || !permissions.some((p) => can(actor.role as NonNullable<Actor['role']>, p))) {
    throw new AppError('FORBIDDEN');
  }
}

const isManager = (actor: Actor) =>
  actor.kind === 'system' || (actor.role !== null && can(actor.role, 'placements.manage'));

/** A reason as stored: Chinese and English on two lines. */
function bilingual(text: BilingualText): string {
  return `${text.zh}\n${text.en}`;
}

/** A stored reason back in both languages (a typed reason is the same in both). */
export function splitReason(stored: string): BilingualText {
  const at = stored.indexOf('\n');
  return at < 0 ? { zh: stored, en: stored } : { zh: stored.slice(0, at), en: stored.slice(at + 1) };
}

/** A person's reason: trimmed, on one line, at least 2 characters. */
function typedReason(reason: unknown, field = 'reason'): string {
  const text = typeof reason === 'string' ? reason.replace(/\s+/g, ' ').trim() : '';
  if (text.length < 2) throw invalid(field, '须填写，至少 2 个字', 'is required (at least 2 characters)');
  if (text.length > 500) throw invalid(field, '不能超过 500 个字', 'must be at most 500 characters');
  return text;
}

/** A refusal that names every case concerned: the first in the message, all in details.problems. */
function refusedCases(
  field: string,
  problems: { caseId: string; caseNo: string; code: string; zh: string; en: string }[],
  status: 'invalid' | 'forbidden' = 'invalid',
): AppError {
  const first = problems[0] as (typeof problems)[number];
  const more = problems.length > 1;
  const reason = more ? `${problems.length} 件案件不能处理，如 ${first.zh}` : first.zh;
  const reasonEn = more ? `${problems.length} cases cannot be handled, e.g. ${first.en}` : first.en;
  if (status === 'forbidden') {
    return new AppError('FORBIDDEN', {}, { field, reason, reasonEn, problems });
  }
  return new AppError('VALIDATION_FAILED', { field, reason, reasonEn }, { field, problems });
}

async function writeAuditSql(
  sql: SqlSession,
  actor: Actor,
  now: Date,
  entry: { action: string; entityType: string; entityId?: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await sql.query(
    `INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, entity_type, entity_id, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)`,
    [
      now,
      actor.userId,
      actor.username,
      actor.role ?? actor.kind,
      entry.action,
      entry.entityType,
      entry.entityId ?? null,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      actor.requestId ?? null,
    ],
  );
}

interface HistoryRow {
  caseId: string;
  fromCollectorId: string | null;
  toCollectorId: string | null;
  fromTeamId: string | null;
  toTeamId: string | null;
  agencyId: string | null;
  rule: 'same_debtor' | 'balanced' | 'manual' | 'placement' | 'recall' | 'import';
  reason: string;
}

async function insertHistory(sql: SqlSession, rows: HistoryRow[], by: Actor, now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await sql.query(
      `INSERT INTO assignment_history
         (case_id, from_collector_id, to_collector_id, from_team_id, to_team_id, agency_id, rule, reason, by_user_id, at)
       SELECT x.case_id, x.from_c, x.to_c, x.from_t, x.to_t, x.agency, x.rule, x.reason, $9::uuid, $10
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[])
         AS x(case_id, from_c, to_c, from_t, to_t, agency, rule, reason)`,
      [
        chunk.map((r) => r.caseId),
        chunk.map((r) => r.fromCollectorId),
        chunk.map((r) => r.toCollectorId),
        chunk.map((r) => r.fromTeamId),
        chunk.map((r) => r.toTeamId),
        chunk.map((r) => r.agencyId),
        chunk.map((r) => r.rule),
        chunk.map((r) => r.reason),
        by.userId,
        now,
      ],
    );
  }
}

/** Sets collector, team, agency and (optionally) stage of many cases in one statement. */
async function moveCases(
  sql: SqlSession,
  moves: { caseId: string; collectorId: string | null; teamId: string | null }[],
  set: { agencyId: string | null; stage?: 'phone' | 'agency' },
  now: Date,
): Promise<void> {
  for (let i = 0; i < moves.length; i += 5000) {
    const chunk = moves.slice(i, i + 5000);
    await sql.query(
      `UPDATE cases c SET assigned_collector_id = x.collector_id, team_id = x.team_id, agency_id = $4::uuid,
         stage = coalesce($5::text, c.stage), updated_at = $6
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS x(id, collector_id, team_id)
       WHERE c.id = x.id`,
      [
        chunk.map((m) => m.caseId),
        chunk.map((m) => m.collectorId),
        chunk.map((m) => m.teamId),
        set.agencyId,
        set.stage ?? null,
        now,
      ],
    );
  }
}

interface PortfolioRow {
  id: string;
  code: string;
  name: string;
  assignment_rules: unknown;
  require_certification: boolean;
  bucket_config: BucketRangeConfig[];
}

async function portfolioByCode(sql: SqlSession, code: string): Promise<PortfolioRow> {
  const r = await sql.query<PortfolioRow>(
    'SELECT id, code, name, assignment_rules, require_certification, bucket_config FROM portfolios WHERE code = $1',
    [code],
  );
  const row = r.rows[0];
  if (!row) throw new AppError('PORTFOLIO_NOT_FOUND', { code });
  return row;
}

async function portfolioById(sql: SqlSession, id: string): Promise<PortfolioRow> {
  const r = await sql.query<PortfolioRow>(
    'SELECT id, code, name, assignment_rules, require_certification, bucket_config FROM portfolios WHERE id = $1',
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new AppError('PORTFOLIO_NOT_FOUND', { code: id });
  return row;
}

interface CollectorRow {
  id: string;
  name: string;
  team_id: string | null;
  team_code: string | null;
  team_name: string | null;
  capacity: number;
  active: boolean;
  load: number;
  certified: boolean;
}

/** Every collector with capacity and current load (open cases across portfolios). */
async function loadCollectors(sql: SqlSession, teamId?: string | null): Promise<CollectorRow[]> {
  const r = await sql.query<CollectorRow>(
    `SELECT u.id, u.display_name AS name, u.team_id, t.code AS team_code, t.name AS team_name,
       coalesce(u.case_capacity, t.case_capacity_per_collector, 800) AS capacity, u.active,
       ${certifiedSql('u.id')} AS certified,
       (SELECT count(*)::int FROM cases c WHERE c.assigned_collector_id = u.id AND c.status = 'open') AS load
     FROM users u LEFT JOIN teams t ON t.id = u.team_id
     WHERE u.role = 'collector' AND ($1::uuid IS NULL OR u.team_id = $1::uuid)
     ORDER BY t.code NULLS LAST, u.display_name, u.id`,
    [teamId ?? null],
  );
  return r.rows;
}

const plannerCollector = (c: CollectorRow): PlannerCollector => ({
  id: c.id,
  name: c.name,
  teamId: c.team_id,
  teamCode: c.team_code,
  capacity: c.capacity,
  load: c.load,
  active: c.active,
  certified: c.certified,
});

/** The collector of each debtor's other open, in-house cases of the portfolio (the one with most of them). */
async function debtorCollectors(
  sql: SqlSession,
  portfolioId: string,
  debtorIds: string[],
): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (debtorIds.length === 0) return map;
  const r = await sql.query<{ debtor_id: string; collector_id: string }>(
    `SELECT DISTINCT ON (debtor_id) debtor_id, assigned_collector_id AS collector_id
     FROM cases
     WHERE portfolio_id = $1 AND debtor_id = ANY($2::uuid[]) AND status = 'open'
       AND assigned_collector_id IS NOT NULL AND agency_id IS NULL
     GROUP BY debtor_id, assigned_collector_id
     ORDER BY debtor_id, count(*) DESC, assigned_collector_id`,
    [portfolioId, [...new Set(debtorIds)]],
  );
  for (const row of r.rows) map.set(row.debtor_id, row.collector_id);
  return map;
}

export interface UnplannedCase {
  caseId: string;
  caseNo: string;
  code: string;
  reason: BilingualText;
}

// ——— rules ———

export interface AssignmentRulesView {
  portfolioCode: string;
  portfolioName: string;
  rules: AssignmentRules;
  /** No rules stored: the defaults apply. */
  isDefault: boolean;
  requireCertification: boolean;
  buckets: string[];
  teams: { id: string; code: string; name: string; collectors: number; capacityPerCollector: number }[];
}

async function teamsList(sql: SqlSession) {
  const r = await sql.query<{
    id: string;
    code: string;
    name: string;
    collectors: number;
    capacity_per_collector: number;
  }>(
    `SELECT t.id, t.code, t.name, t.case_capacity_per_collector AS capacity_per_collector,
       (SELECT count(*)::int FROM users u WHERE u.team_id = t.id AND u.role = 'collector' AND u.active) AS collectors
     FROM teams t ORDER BY t.code`,
  );
  return r.rows.map((t) => ({
    id: t.id,
    code: t.code,
    name: t.name,
    collectors: t.collectors,
    capacityPerCollector: t.capacity_per_collector,
  }));
}

export async function getAssignmentRules(
  store: Store,
  actor: Actor,
  portfolioCode: string,
): Promise<AssignmentRulesView> {
  allow(actor, 'placements.manage', 'cases.assign');
  const p = await portfolioByCode(store.sql, portfolioCode);
  return {
    portfolioCode: p.code,
    portfolioName: p.name,
    rules: assignmentRulesOf(p.assignment_rules),
    isDefault: p.assignment_rules === null,
    requireCertification: p.require_certification,
    buckets: p.bucket_config.map((b) => b.code),
    teams: await teamsList(store.sql),
  };
}

/** Sets (or, with null, clears back to the defaults) a portfolio's assignment rules. Audited with before and after. */
export async function setAssignmentRules(
  store: Store,
  actor: Actor,
  portfolioCode: string,
  input: unknown,
  now: Date,
): Promise<AssignmentRulesView> {
  allow(actor, 'placements.manage');
  await store.transaction(async ({ sql }) => {
    const r = await sql.query<PortfolioRow>(
      'SELECT id, code, name, assignment_rules, require_certification, bucket_config FROM portfolios WHERE code = $1 FOR UPDATE',
      [portfolioCode],
    );
    const p = r.rows[0];
    if (!p) throw new AppError('PORTFOLIO_NOT_FOUND', { code: portfolioCode });
    let rules: AssignmentRules | null = null;
    if (input !== null) {
      const teams = await sql.query<{ code: string }>('SELECT code FROM teams ORDER BY code');
      const checked = validateAssignmentRules(input, {
        bucketCodes: p.bucket_config.map((b) => b.code),
        teamCodes: teams.rows.map((t) => t.code),
      });
      if (!checked.ok) {
        const first = checked.problems[0] as (typeof checked.problems)[number];
        throw new AppError(
          'VALIDATION_FAILED',
          { field: first.field, reason: first.zh, reasonEn: first.en },
          { field: first.field, problems: checked.problems },
        );
      }
      rules = checked.rules;
    }
    await sql.query('UPDATE portfolios SET assignment_rules = $2::jsonb, updated_at = $3 WHERE id = $1', [
      p.id,
      rules === null ? null : JSON.stringify(rules),
      now,
    ]);
    await writeAuditSql(sql, actor, now, {
      action: 'portfolio.assignment_rules',
      entityType: 'portfolio',
      entityId: p.id,
      before: p.assignment_rules,
      after: rules,
    });
  });
  return getAssignmentRules(store, actor, portfolioCode);
}

// ——— automatic assignment ———

export interface AssignResult {
  portfolioCode: string;
  /** Open, unassigned, in-house cases considered. */
  considered: number;
  assigned: number;
  byRule: { sameContract: number; sameDebtor: number; balanced: number };
  perCollector: { collectorId: string; name: string; assigned: number; load: number; capacity: number }[];
  unplannedCount: number;
  /** The first unplanned cases with the reason (all are counted in unplannedCount). */
  unplanned: UnplannedCase[];
}

/**
 * Plans and assigns a portfolio's open, unassigned, in-house cases in the caller's transaction (for the
 * nightly batch and imports). Takes the per-portfolio advisory lock and locks the case rows.
 */
export async function assignUnassignedInTx(
  sql: SqlSession,
  portfolioId: string,
  now: Date,
  actor: Actor = systemActor('batch'),
): Promise<AssignResult> {
  await sql.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ASSIGN_LOCK_CLASS, portfolioId]);
  const p = await portfolioById(sql, portfolioId);
  const rules = assignmentRulesOf(p.assignment_rules);
  const open = await sql.query<{
    id: string;
    case_no: number;
    debtor_id: string;
    bucket: string;
    days_past_due: number;
    balance_fen: number;
    team_id: string | null;
    previous_collector_id: string | null;
  }>(
    `SELECT c.id, c.case_no, c.debtor_id, c.bucket, c.days_past_due, a.balance_fen, c.team_id,
       (SELECT coalesce(h.to_collector_id, h.from_collector_id) FROM assignment_history h
         WHERE h.case_id = c.id ORDER BY h.at DESC, h.id DESC LIMIT 1) AS previous_collector_id
     FROM cases c JOIN accounts a ON a.id = c.account_id
     WHERE c.portfolio_id = $1 AND c.status = 'open' AND c.assigned_collector_id IS NULL AND c.agency_id IS NULL
     ORDER BY c.id
     FOR UPDATE OF c`,
    [portfolioId],
  );
  const cases: PlannerCase[] = open.rows.map((r) => ({
    id: r.id,
    debtorId: r.debtor_id,
    bucket: r.bucket,
    balanceFen: r.balance_fen,
    daysPastDue: r.days_past_due,
    teamId: r.team_id,
    previousCollectorId: r.previous_collector_id,
  }));
  const collectors = await loadCollectors(sql);
  const plan = planAssignment({
    cases,
    collectors: collectors.map(plannerCollector),
    debtorCollectors: await debtorCollectors(
      sql,
      portfolioId,
      cases.map((c) => c.debtorId),
    ),
    rules,
    requireCertification: p.require_certification,
  });
  const byId = new Map(open.rows.map((r) => [r.id, r]));
  const planned = plan.entries.filter((e) => e.collectorId !== null);
  await moveCases(
    sql,
    planned.map((e) => ({ caseId: e.caseId, collectorId: e.collectorId, teamId: e.teamId })),
    { agencyId: null },
    now,
  );
  await insertHistory(
    sql,
    planned.map((e) => ({
      caseId: e.caseId,
      fromCollectorId: null,
      toCollectorId: e.collectorId,
      fromTeamId: byId.get(e.caseId)?.team_id ?? null,
      toTeamId: e.teamId,
      agencyId: null,
      rule: e.rule === 'balanced' ? 'balanced' : 'same_debtor',
      reason: bilingual(e.reason),
    })),
    actor,
    now,
  );
  const unplannedEntries = plan.entries.filter((e) => e.collectorId === null);
  const count = (rule: string) => planned.filter((e) => e.rule === rule).length;
  const perCollector = collectors
    .map((c) => ({
      collectorId: c.id,
      name: c.name,
      assigned: planned.filter((e) => e.collectorId === c.id).length,
      load: plan.loads[c.id] ?? c.load,
      capacity: c.capacity,
    }))
    .filter((c) => c.assigned > 0);
  const result: AssignResult = {
    portfolioCode: p.code,
    considered: cases.length,
    assigned: planned.length,
    byRule: {
      sameContract: count('same_contract'),
      sameDebtor: count('same_debtor'),
      balanced: count('balanced'),
    },
    perCollector,
    unplannedCount: unplannedEntries.length,
    unplanned: unplannedEntries.slice(0, UNPLANNED_LISTED).map((e) => ({
      caseId: e.caseId,
      caseNo: formatCaseNo(Number(byId.get(e.caseId)?.case_no)),
      code: e.code,
      reason: e.reason,
    })),
  };
  // A run by a person is always recorded; the nightly run only when it changed something.
  if (result.assigned > 0 || actor.kind === 'user')
    await writeAuditSql(sql, actor, now, {
      action: 'case.assign.auto',
      entityType: 'portfolio',
      entityId: portfolioId,
      after: {
        considered: result.considered,
        assigned: result.assigned,
        byRule: result.byRule,
        unplanned: result.unplannedCount,
        rules,
      },
    });
  return result;
}

/** Assigns a portfolio's open, unassigned, in-house cases by its rules (managers, or the system). */
export async function assignUnassigned(
  store: Store,
  actor: Actor,
  portfolioCode: string,
  now: Date,
): Promise<AssignResult> {
  allow(actor, 'placements.manage');
  const p = await portfolioByCode(store.sql, portfolioCode);
  return store.transaction(({ sql }) => assignUnassignedInTx(sql, p.id, now, actor));
}

// ——— manual reassignment ———

export interface ReassignInput {
  caseIds: string[];
  toCollectorId?: string | null;
  toTeamId?: string | null;
  reason: string;
}

export interface ReassignResult {
  /** Cases moved (those named and those of the same debtors that went with them). */
  moved: number;
  /** Named cases that were already there. */
  unchanged: number;
  /** Cases of the same debtor moved with a named case (same-debtor rule). */
  linked: { caseId: string; caseNo: string; withCaseNo: string }[];
  toCollector: { id: string; name: string; load: number; capacity: number } | null;
  toTeam: { id: string; name: string };
  /** The collector now carries more than their capacity (a manual move may do that). */
  overCapacity: boolean;
  message: BilingualText;
}

interface LockedCase {
  id: string;
  case_no: number;
  status: string;
  agency_id: string | null;
  agency_name: string | null;
  team_id: string | null;
  assigned_collector_id: string | null;
  debtor_id: string;
  portfolio_id: string;
  assignment_rules: unknown;
  complaint_freeze: boolean;
  legal_hold: boolean;
  require_certification: boolean;
}

const LOCKED_CASE = `SELECT c.id, c.case_no, c.status, c.agency_id, ag.name AS agency_name, c.team_id,
    c.assigned_collector_id, c.debtor_id, c.portfolio_id, p.assignment_rules, c.complaint_freeze, c.legal_hold,
    p.require_certification
  FROM cases c JOIN portfolios p ON p.id = c.portfolio_id LEFT JOIN agencies ag ON ag.id = c.agency_id`;

function caseIdList(value: unknown, field: string, max: number): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(field, '请至少选择一件案件', 'choose at least one case');
  }
  if (value.length > max) throw invalid(field, `一次最多 ${max} 件案件`, `at most ${max} cases at a time`);
  const ids = [...new Set(value.map(String))];
  const bad = ids.find((id) => !isUuid(id));
  if (bad) throw new AppError('CASE_NOT_FOUND', {}, { field, caseId: bad });
  return ids;
}

/**
 * Moves cases to a collector (and their team) or to a team's pool, with a reason. A team lead moves
 * only their own team's cases, to their own team's collectors. Closed cases and cases with an agency are
 * refused, naming them. With the same-debtor rule, the debtor's other open in-house cases of the
 * portfolio (within the actor's reach) move too, and the answer and history say so. All or nothing.
 */
export async function reassign(
  store: Store,
  actor: Actor,
  input: ReassignInput,
  now: Date,
): Promise<ReassignResult> {
  allow(actor, 'cases.assign');
  const caseIds = caseIdList(input.caseIds, 'caseIds', MAX_REASSIGN);
  const reason = typedReason(input.reason);
  const toCollectorId = input.toCollectorId ?? null;
  const toTeamIdInput = input.toTeamId ?? null;
  if (!toCollectorId && !toTeamIdInput) {
    throw invalid(
      'toCollectorId',
      '请选择接收的催收员或团队',
      'choose the collector or team to take the cases',
    );
  }
  const manager = isManager(actor);
  const leadTeam = manager ? null : actor.teamId;
  if (!manager && !leadTeam) throw new AppError('FORBIDDEN');

  return store.transaction(async ({ sql }) => {
    // The target.
    let toCollector: CollectorRow | null = null;
    let toTeam: { id: string; name: string };
    if (toCollectorId) {
      if (!isUuid(toCollectorId)) throw invalid('toCollectorId', '催收员不存在', 'no such collector');
      const found = (await loadCollectors(sql)).find((c) => c.id === toCollectorId);
      if (!found) throw invalid('toCollectorId', '不是催收员', 'is not a collector');
      if (!found.active) throw invalid('toCollectorId', `${found.name} 已停用`, `${found.name} is inactive`);
      if (!found.team_id || !found.team_name) {
        throw invalid('toCollectorId', `${found.name} 不属于任何团队`, `${found.name} belongs to no team`);
      }
      if (leadTeam && found.team_id !== leadTeam) {
        throw new AppError(
          'FORBIDDEN',
          {},
          {
            field: 'toCollectorId',
            reason: `${found.name} 不在您的团队`,
            reasonEn: `${found.name} is not in your team`,
          },
        );
      }
      if (toTeamIdInput && toTeamIdInput !== found.team_id) {
        throw invalid(
          'toTeamId',
          `与催收员 ${found.name} 的团队不一致`,
          `does not match ${found.name}'s team`,
        );
      }
      toCollector = found;
      toTeam = { id: found.team_id, name: found.team_name };
    } else {
      const teamId = toTeamIdInput as string;
      const t = isUuid(teamId)
        ? (
            await sql.query<{ id: string; name: string }>('SELECT id, name FROM teams WHERE id = $1', [
              teamId,
            ])
          ).rows[0]
        : undefined;
      if (!t) throw invalid('toTeamId', '团队不存在', 'no such team');
      if (leadTeam && t.id !== leadTeam) {
        throw new AppError(
          'FORBIDDEN',
          {},
          { field: 'toTeamId', reason: `${t.name} 不是您的团队`, reasonEn: `${t.name} is not your team` },
        );
      }
      toTeam = t;
    }

    // The named cases, locked.
    const named = (
      await sql.query<LockedCase>(
        `${LOCKED_CASE} WHERE c.id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE OF c`,
        [caseIds],
      )
    ).rows;
    const missing = caseIds.find((id) => !named.some((c) => c.id === id));
    if (missing) throw new AppError('CASE_NOT_FOUND', {}, { field: 'caseIds', caseId: missing });
    const problem = (c: LockedCase, code: string, zh: string, en: string) => ({
      caseId: c.id,
      caseNo: formatCaseNo(c.case_no),
      code,
      zh,
      en,
    });
    if (leadTeam) {
      const outside = named
        .filter((c) => c.team_id !== leadTeam)
        .map((c) => {
          const no = formatCaseNo(c.case_no);
          return problem(c, 'not_your_team', `案件 ${no} 不属于您的团队`, `case ${no} is not your team's`);
        });
      if (outside.length > 0) throw refusedCases('caseIds', outside, 'forbidden');
    }
    const refused = named.flatMap((c) => {
      const no = formatCaseNo(c.case_no);
      if (c.status !== 'open') return [problem(c, 'closed', `案件 ${no} 已结案`, `case ${no} is closed`)];
      if (c.agency_id) {
        return [
          problem(
            c,
            'placed',
            `案件 ${no} 已委外至 ${c.agency_name}，请先召回`,
            `case ${no} is placed with ${c.agency_name}; recall it first`,
          ),
        ];
      }
      if (toCollector && !toCollector.certified && c.require_certification) {
        return [
          problem(
            c,
            'not_certified',
            `案件 ${no} 所在资产包要求培训认证，${toCollector.name} 尚未通过认证`,
            `case ${no} is in a portfolio that requires training certification; ${toCollector.name} is not certified`,
          ),
        ];
      }
      return [];
    });
    if (refused.length > 0) throw refusedCases('caseIds', refused);

    // The same debtor's other open, in-house cases of the portfolio go with them (rule permitting).
    const linkedRows: { row: LockedCase; with: LockedCase }[] = [];
    const sameDebtor = named.filter((c) => assignmentRulesOf(c.assignment_rules).sameDebtor);
    if (sameDebtor.length > 0) {
      const others = await sql.query<LockedCase>(
        `${LOCKED_CASE}
         WHERE (c.portfolio_id, c.debtor_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
           AND c.status = 'open' AND c.agency_id IS NULL AND NOT (c.id = ANY($3::uuid[]))
           AND ($4::uuid IS NULL OR c.team_id = $4::uuid)
         ORDER BY c.id FOR UPDATE OF c`,
        [sameDebtor.map((c) => c.portfolio_id), sameDebtor.map((c) => c.debtor_id), caseIds, leadTeam],
      );
      for (const row of others.rows) {
        const withCase = sameDebtor.find(
          (c) => c.debtor_id === row.debtor_id && c.portfolio_id === row.portfolio_id,
        );
        if (withCase) linkedRows.push({ row, with: withCase });
      }
    }

    const targetCollector = toCollector?.id ?? null;
    const atTarget = (c: LockedCase) =>
      c.assigned_collector_id === targetCollector && c.team_id === toTeam.id;
    const movedNamed = named.filter((c) => !atTarget(c));
    const movedLinked = linkedRows.filter((l) => !atTarget(l.row));
    const all = [...movedNamed, ...movedLinked.map((l) => l.row)];
    await moveCases(
      sql,
      all.map((c) => ({ caseId: c.id, collectorId: targetCollector, teamId: toTeam.id })),
      { agencyId: null },
      now,
    );
    const history = (c: LockedCase, text: string): HistoryRow => ({
      caseId: c.id,
      fromCollectorId: c.assigned_collector_id,
      toCollectorId: targetCollector,
      fromTeamId: c.team_id,
      toTeamId: toTeam.id,
      agencyId: null,
      rule: 'manual',
      reason: text,
    });
    await insertHistory(
      sql,
      [
        ...movedNamed.map((c) => history(c, reason)),
        ...movedLinked.map((l) => {
          const no = formatCaseNo(l.with.case_no);
          return history(
            l.row,
            bilingual({
              zh: `${reason}（同一债务人，随案件 ${no} 一并转派）`,
              en: `${reason} (same debtor, moved with case ${no})`,
            }),
          );
        }),
      ],
      actor,
      now,
    );
    const load = toCollector
      ? ((
          await sql.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM cases WHERE assigned_collector_id = $1 AND status = 'open'`,
            [toCollector.id],
          )
        ).rows[0]?.n ?? 0)
      : 0;
    await writeAuditSql(sql, actor, now, {
      action: 'case.reassign',
      entityType: 'case',
      entityId: all.length === 1 ? (all[0] as LockedCase).id : null,
      before: all.map((c) => ({ caseId: c.id, collectorId: c.assigned_collector_id, teamId: c.team_id })),
      after: {
        caseIds: all.map((c) => c.id),
        linkedCaseIds: movedLinked.map((l) => l.row.id),
        toCollectorId: targetCollector,
        toTeamId: toTeam.id,
        reason,
      },
    });
    const linked = movedLinked.map((l) => ({
      caseId: l.row.id,
      caseNo: formatCaseNo(l.row.case_no),
      withCaseNo: formatCaseNo(l.with.case_no),
    }));
    const target: BilingualText = toCollector
      ? { zh: toCollector.name, en: toCollector.name }
      : { zh: `${toTeam.name}（待分配）`, en: `${toTeam.name} (unassigned)` };
    const linkedText: BilingualText =
      linked.length > 0
        ? {
            zh: `，其中 ${linked.length} 件为同一债务人的案件（${linked.map((l) => l.caseNo).join('、')}）随之转派`,
            en: `, including ${linked.length} of the same debtor (${linked.map((l) => l.caseNo).join(', ')}) moved with them`,
          }
        : { zh: '', en: '' };
    const overCapacity = toCollector !== null && load > toCollector.capacity;
    const capacityText: BilingualText = overCapacity
      ? {
          zh: `；${toCollector?.name} 现有 ${load} 件，超过容量 ${toCollector?.capacity}`,
          en: `; ${toCollector?.name} now has ${load}, over the capacity of ${toCollector?.capacity}`,
        }
      : { zh: '', en: '' };
    return {
      moved: all.length,
      unchanged: named.length - movedNamed.length,
      linked,
      toCollector: toCollector
        ? { id: toCollector.id, name: toCollector.name, load, capacity: toCollector.capacity }
        : null,
      toTeam,
      overCapacity,
      message: {
        zh: `已将 ${all.length} 件案件转派给 ${target.zh}${linkedText.zh}${capacityText.zh}`,
        en: `${all.length} cases moved to ${target.en}${linkedText.en}${capacityText.en}`,
      },
    };
  });
}

// ——— agency placement and recall ———

export interface PlacementFilter {
  buckets?: string[];
  minDaysPastDue?: number;
  segmentKey?: string;
}

export interface PlacementInput {
  portfolioCode: string;
  agencyCode: string;
  caseIds?: string[];
  filter?: PlacementFilter;
  startsOn: string;
  endsOn: string;
  note?: string;
}

export interface PlacementView {
  id: string;
  portfolioCode: string;
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  startsOn: string;
  endsOn: string;
  status: 'active' | 'recalled' | 'ended';
  cases: number;
  /** Cases still with the agency (an active placement's; 0 once recalled or ended). */
  stillPlaced: number;
  balanceFen: number;
  note: string | null;
  createdByName: string | null;
  createdAt: string;
  recalledAt: string | null;
}

function checkFilter(filter: PlacementFilter, p: PortfolioRow) {
  const buckets = filter.buckets ?? [];
  const codes = p.bucket_config.map((b) => b.code);
  for (const [i, b] of buckets.entries()) {
    if (!codes.includes(b)) {
      throw invalid(
        `filter.buckets[${i}]`,
        `账龄 ${b} 不在该资产包的账龄设置中（${codes.join('、')}）`,
        `bucket ${b} is not one of the portfolio's buckets (${codes.join(', ')})`,
      );
    }
  }
  const min = filter.minDaysPastDue;
  if (min !== undefined && (!Number.isInteger(min) || min < 0)) {
    throw invalid('filter.minDaysPastDue', '须为不小于 0 的整数', 'must be a whole number of at least 0');
  }
  const segment = filter.segmentKey?.trim() || null;
  return { buckets: buckets.length > 0 ? buckets : null, min: min ?? null, segment };
}

const FILTER_WHERE = `c.portfolio_id = $1 AND c.status = 'open'
  AND ($2::text[] IS NULL OR c.bucket = ANY($2::text[]))
  AND ($3::int IS NULL OR c.days_past_due >= $3::int)
  AND ($4::text IS NULL OR c.segment_key = $4::text)`;

export interface PlacementPreview {
  eligible: number;
  balanceFen: number;
  excluded: { alreadyPlaced: number; complaintFreeze: number; legalHold: number };
}

/** How many cases a filter would place, and how many it leaves out (placed, frozen, on hold). */
export async function previewPlacement(
  store: Store,
  actor: Actor,
  input: { portfolioCode: string; filter: PlacementFilter },
): Promise<PlacementPreview> {
  allow(actor, 'placements.manage');
  const p = await portfolioByCode(store.sql, input.portfolioCode);
  const f = checkFilter(input.filter, p);
  const r = await store.sql.query<{
    eligible: number;
    balance_fen: number;
    placed: number;
    frozen: number;
    held: number;
  }>(
    `SELECT
       count(*) FILTER (WHERE c.agency_id IS NULL AND NOT c.complaint_freeze AND NOT c.legal_hold)::int AS eligible,
       coalesce(sum(a.balance_fen) FILTER (WHERE c.agency_id IS NULL AND NOT c.complaint_freeze AND NOT c.legal_hold), 0)::bigint AS balance_fen,
       count(*) FILTER (WHERE c.agency_id IS NOT NULL)::int AS placed,
       count(*) FILTER (WHERE c.agency_id IS NULL AND c.complaint_freeze)::int AS frozen,
       count(*) FILTER (WHERE c.agency_id IS NULL AND NOT c.complaint_freeze AND c.legal_hold)::int AS held
     FROM cases c JOIN accounts a ON a.id = c.account_id WHERE ${FILTER_WHERE}`,
    [p.id, f.buckets, f.min, f.segment],
  );
  const row = r.rows[0];
  return {
    eligible: row?.eligible ?? 0,
    balanceFen: Number(row?.balance_fen ?? 0),
    excluded: {
      alreadyPlaced: row?.placed ?? 0,
      complaintFreeze: row?.frozen ?? 0,
      legalHold: row?.held ?? 0,
    },
  };
}

const PLACEMENT_SELECT = `SELECT pl.id, p.code AS portfolio_code, pl.agency_id, ag.code AS agency_code, ag.name AS agency_name,
    pl.starts_on, pl.ends_on, pl.status, jsonb_array_length(pl.case_ids)::int AS cases,
    (SELECT count(*)::int FROM cases c WHERE c.id IN (SELECT (jsonb_array_elements_text(pl.case_ids))::uuid)
       AND c.agency_id = pl.agency_id AND pl.status = 'active') AS still_placed,
    (SELECT coalesce(sum(a.balance_fen), 0)::bigint FROM cases c JOIN accounts a ON a.id = c.account_id
       WHERE c.id IN (SELECT (jsonb_array_elements_text(pl.case_ids))::uuid)) AS balance_fen,
    (SELECT l.after->>'note' FROM audit_log l WHERE l.entity_type = 'agency_placement' AND l.entity_id = pl.id::text
       AND l.action = 'placement.create' ORDER BY l.id LIMIT 1) AS note,
    u.display_name AS created_by_name, pl.created_at, pl.recalled_at
  FROM agency_placements pl JOIN portfolios p ON p.id = pl.portfolio_id JOIN agencies ag ON ag.id = pl.agency_id
    LEFT JOIN users u ON u.id = pl.created_by`;

interface PlacementRow {
  id: string;
  portfolio_code: string;
  agency_id: string;
  agency_code: string;
  agency_name: string;
  starts_on: string;
  ends_on: string;
  status: 'active' | 'recalled' | 'ended';
  cases: number;
  still_placed: number;
  balance_fen: number;
  note: string | null;
  created_by_name: string | null;
  created_at: Date;
  recalled_at: Date | null;
}

const placementView = (r: PlacementRow): PlacementView => ({
  id: r.id,
  portfolioCode: r.portfolio_code,
  agencyId: r.agency_id,
  agencyCode: r.agency_code,
  agencyName: r.agency_name,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  status: r.status,
  cases: r.cases,
  stillPlaced: r.still_placed,
  balanceFen: Number(r.balance_fen),
  note: r.note || null,
  createdByName: r.created_by_name,
  createdAt: new Date(r.created_at).toISOString(),
  recalledAt: r.recalled_at ? new Date(r.recalled_at).toISOString() : null,
});

export async function listPlacements(
  store: Store,
  actor: Actor,
  filter: { portfolioCode?: string; status?: 'active' | 'recalled' | 'ended' } = {},
): Promise<PlacementView[]> {
  allow(actor, 'placements.manage');
  const r = await store.sql.query<PlacementRow>(
    `${PLACEMENT_SELECT}
     WHERE ($1::text IS NULL OR p.code = $1) AND ($2::text IS NULL OR pl.status = $2)
     ORDER BY (pl.status = 'active') DESC, pl.created_at DESC, pl.id DESC LIMIT 500`,
    [filter.portfolioCode ?? null, filter.status ?? null],
  );
  return r.rows.map(placementView);
}

async function placementById(sql: SqlSession, id: string): Promise<PlacementView> {
  const r = await sql.query<PlacementRow>(`${PLACEMENT_SELECT} WHERE pl.id = $1`, [id]);
  const row = r.rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return placementView(row);
}

/**
 * Places a batch of a portfolio's cases with an agency for a period: named cases (all must be open,
 * in-house, and free of complaint freeze and legal hold, else every refused case is named), or the
 * cases a filter selects (those are left out and counted by the preview). The cases leave their
 * collector and team; the history keeps where they came from.
 */
export async function placeWithAgency(
  store: Store,
  actor: Actor,
  input: PlacementInput,
  now: Date,
): Promise<PlacementView> {
  allow(actor, 'placements.manage');
  for (const field of ['startsOn', 'endsOn'] as const) {
    if (typeof input[field] !== 'string' || !isBusinessDate(input[field])) {
      throw invalid(field, '须为有效日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
    }
  }
  if (input.endsOn < input.startsOn) {
    throw invalid('endsOn', '不能早于开始日期', 'cannot be before the start date');
  }
  const note = (input.note ?? '').replace(/\s+/g, ' ').trim();
  if (note.length > 500) throw invalid('note', '不能超过 500 个字', 'must be at most 500 characters');
  const hasIds = Array.isArray(input.caseIds) && input.caseIds.length > 0;
  if (hasIds === Boolean(input.filter)) {
    throw invalid('caseIds', '请选择案件，或给出筛选条件（二选一）', 'give either the cases or a filter');
  }
  const caseIds = hasIds ? caseIdList(input.caseIds, 'caseIds', MAX_PLACEMENT) : null;

  const id = await store.transaction(async ({ sql }) => {
    const p = await portfolioByCode(sql, input.portfolioCode);
    const agency = (
      await sql.query<{ id: string; name: string }>('SELECT id, name FROM agencies WHERE code = $1', [
        input.agencyCode,
      ])
    ).rows[0];
    if (!agency) {
      throw invalid(
        'agencyCode',
        `委外机构 ${input.agencyCode} 不存在`,
        `agency ${input.agencyCode} does not exist`,
      );
    }
    let rows: LockedCase[];
    if (caseIds) {
      rows = (
        await sql.query<LockedCase>(
          `${LOCKED_CASE} WHERE c.id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE OF c`,
          [caseIds],
        )
      ).rows;
      const missing = caseIds.find((caseId) => !rows.some((c) => c.id === caseId && c.portfolio_id === p.id));
      if (missing) {
        const other = rows.find((c) => c.id === missing);
        if (!other) throw new AppError('CASE_NOT_FOUND', {}, { field: 'caseIds', caseId: missing });
        const no = formatCaseNo(other.case_no);
        throw invalid(
          'caseIds',
          `案件 ${no} 不属于资产包 ${p.code}`,
          `case ${no} is not in portfolio ${p.code}`,
        );
      }
      const refused = rows.flatMap((c) => {
        const no = formatCaseNo(c.case_no);
        const base = { caseId: c.id, caseNo: no };
        if (c.status !== 'open')
          return [{ ...base, code: 'closed', zh: `案件 ${no} 已结案`, en: `case ${no} is closed` }];
        if (c.agency_id) {
          return [
            {
              ...base,
              code: 'placed',
              zh: `案件 ${no} 已委外至 ${c.agency_name}`,
              en: `case ${no} is already placed with ${c.agency_name}`,
            },
          ];
        }
        if (c.complaint_freeze) {
          return [
            {
              ...base,
              code: 'complaint_freeze',
              zh: `案件 ${no} 投诉冻结中`,
              en: `case ${no} is frozen by a complaint`,
            },
          ];
        }
        if (c.legal_hold) {
          return [
            { ...base, code: 'legal_hold', zh: `案件 ${no} 法务暂停中`, en: `case ${no} is on legal hold` },
          ];
        }
        return [];
      });
      if (refused.length > 0) throw refusedCases('caseIds', refused);
    } else {
      const f = checkFilter(input.filter ?? {}, p);
      rows = (
        await sql.query<LockedCase>(
          `${LOCKED_CASE} WHERE ${FILTER_WHERE} AND c.agency_id IS NULL AND NOT c.complaint_freeze AND NOT c.legal_hold
           ORDER BY c.id FOR UPDATE OF c`,
          [p.id, f.buckets, f.min, f.segment],
        )
      ).rows;
      if (rows.length === 0) {
        throw invalid('filter', '没有符合条件、可委外的案件', 'no case matches the filter and may be placed');
      }
      if (rows.length > MAX_PLACEMENT) {
        throw invalid(
          'filter',
          `符合条件的案件有 ${rows.length} 件，一批最多 ${MAX_PLACEMENT} 件，请缩小范围`,
          `${rows.length} cases match; a placement holds at most ${MAX_PLACEMENT}: narrow the filter`,
        );
      }
    }
    const inserted = await sql.query<{ id: string }>(
      `INSERT INTO agency_placements (agency_id, portfolio_id, starts_on, ends_on, status, case_ids, created_by, created_at)
       VALUES ($1, $2, $3::date, $4::date, 'active', $5::jsonb, $6, $7) RETURNING id`,
      [
        agency.id,
        p.id,
        input.startsOn,
        input.endsOn,
        JSON.stringify(rows.map((c) => c.id)),
        actor.userId,
        now,
      ],
    );
    const placementId = (inserted.rows[0] as { id: string }).id;
    await moveCases(
      sql,
      rows.map((c) => ({ caseId: c.id, collectorId: null, teamId: null })),
      { agencyId: agency.id, stage: 'agency' },
      now,
    );
    const period = `${input.startsOn} – ${input.endsOn}`;
    const reason = bilingual({
      zh: `委外至 ${agency.name}（${period}）${note ? `：${note}` : ''}`,
      en: `Placed with ${agency.name} (${period})${note ? `: ${note}` : ''}`,
    });
    await insertHistory(
      sql,
      rows.map((c) => ({
        caseId: c.id,
        fromCollectorId: c.assigned_collector_id,
        toCollectorId: null,
        fromTeamId: c.team_id,
        toTeamId: null,
        agencyId: agency.id,
        rule: 'placement',
        reason,
      })),
      actor,
      now,
    );
    await writeAuditSql(sql, actor, now, {
      action: 'placement.create',
      entityType: 'agency_placement',
      entityId: placementId,
      after: {
        portfolioCode: p.code,
        agencyCode: input.agencyCode,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        note,
        cases: rows.length,
        filter: caseIds ? null : (input.filter ?? null),
      },
    });
    return placementId;
  });
  return placementById(store.sql, id);
}

export interface RecallResult {
  placementId: string;
  status: 'recalled' | 'ended';
  /** Cases that came back from the agency. */
  recalled: number;
  /** Back with the collector they had before. */
  toPreviousCollector: number;
  /** Given to another collector by the rules (the previous one inactive, full or gone). */
  reassigned: number;
  /** Back without a collector (nobody had room), in their previous team when they had one. */
  unassigned: number;
  unplanned: UnplannedCase[];
}

interface PlacementLockRow {
  id: string;
  agency_id: string;
  agency_name: string;
  portfolio_id: string;
  status: string;
  case_ids: string[];
}

/** Recalls one placement in the caller's transaction: every case still with the agency comes back. */
async function recallInTx(
  sql: SqlSession,
  actor: Actor,
  placement: PlacementLockRow,
  why: { status: 'recalled' | 'ended'; reason: BilingualText },
  now: Date,
): Promise<RecallResult> {
  await sql.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
    ASSIGN_LOCK_CLASS,
    placement.portfolio_id,
  ]);
  const p = await portfolioById(sql, placement.portfolio_id);
  const rules = assignmentRulesOf(p.assignment_rules);
  const placed = await sql.query<{
    id: string;
    case_no: number;
    status: string;
    debtor_id: string;
    bucket: string;
    days_past_due: number;
    balance_fen: number;
    from_collector_id: string | null;
    from_team_id: string | null;
  }>(
    `SELECT c.id, c.case_no, c.status, c.debtor_id, c.bucket, c.days_past_due, a.balance_fen,
       h.from_collector_id, h.from_team_id
     FROM cases c JOIN accounts a ON a.id = c.account_id
       LEFT JOIN LATERAL (SELECT from_collector_id, from_team_id FROM assignment_history
         WHERE case_id = c.id AND rule = 'placement' ORDER BY at DESC, id DESC LIMIT 1) h ON TRUE
     WHERE c.id = ANY($1::uuid[]) AND c.agency_id = $2
     ORDER BY c.id FOR UPDATE OF c`,
    [placement.case_ids, placement.agency_id],
  );
  const open = placed.rows.filter((r) => r.status === 'open');
  const closed = placed.rows.filter((r) => r.status !== 'open');
  const collectors = await loadCollectors(sql);
  const plan = planAssignment({
    cases: open.map((r) => ({
      id: r.id,
      debtorId: r.debtor_id,
      bucket: r.bucket,
      balanceFen: r.balance_fen,
      daysPastDue: r.days_past_due,
      teamId: r.from_team_id,
      previousCollectorId: r.from_collector_id,
    })),
    collectors: collectors.map(plannerCollector),
    debtorCollectors: await debtorCollectors(
      sql,
      p.id,
      open.map((r) => r.debtor_id),
    ),
    rules,
    requireCertification: p.require_certification,
  });
  const entryOf = new Map(plan.entries.map((e) => [e.caseId, e]));
  const byId = new Map(placed.rows.map((r) => [r.id, r]));
  const target = (caseId: string) => {
    const row = byId.get(caseId);
    const e = entryOf.get(caseId);
    if (!row) return { collectorId: null, teamId: null };
    // Closed cases go back on the record only; unplanned ones to their previous team's pool.
    if (!e) return { collectorId: row.from_collector_id, teamId: row.from_team_id };
    return e.collectorId
      ? { collectorId: e.collectorId, teamId: e.teamId }
      : { collectorId: null, teamId: row.from_team_id };
  };
  const moves = placed.rows.map((r) => ({ caseId: r.id, ...target(r.id) }));
  await moveCases(sql, moves, { agencyId: null, stage: 'phone' }, now);
  const prefix = why.reason;
  const historyReason = (e: PlanEntry | undefined): string => {
    if (!e) {
      return bilingual({ zh: `${prefix.zh}：已结案，仅收回`, en: `${prefix.en}: closed, taken back only` });
    }
    if (e.collectorId === null) {
      return bilingual({
        zh: `${prefix.zh}：暂未分配（${e.reason.zh}）`,
        en: `${prefix.en}: not assigned yet (${e.reason.en})`,
      });
    }
    const zhRule = e.rule === 'same_contract' ? `回到原催收员（${e.reason.zh}）` : e.reason.zh;
    const enRule =
      e.rule === 'same_contract' ? `back to the previous collector (${e.reason.en})` : e.reason.en;
    return bilingual({ zh: `${prefix.zh}：${zhRule}`, en: `${prefix.en}: ${enRule}` });
  };
  await insertHistory(
    sql,
    moves.map((m) => ({
      caseId: m.caseId,
      fromCollectorId: null,
      toCollectorId: m.collectorId,
      fromTeamId: null,
      toTeamId: m.teamId,
      agencyId: placement.agency_id,
      rule: 'recall',
      reason: historyReason(entryOf.get(m.caseId)),
    })),
    actor,
    now,
  );
  await sql.query('UPDATE agency_placements SET status = $2, recalled_at = $3 WHERE id = $1', [
    placement.id,
    why.status,
    now,
  ]);
  const unplanned = plan.entries.filter((e) => e.collectorId === null);
  const result: RecallResult = {
    placementId: placement.id,
    status: why.status,
    recalled: placed.rows.length,
    toPreviousCollector:
      plan.entries.filter((e) => e.rule === 'same_contract').length +
      closed.filter((r) => r.from_collector_id !== null).length,
    reassigned: plan.entries.filter((e) => e.collectorId !== null && e.rule !== 'same_contract').length,
    unassigned: unplanned.length,
    unplanned: unplanned.slice(0, UNPLANNED_LISTED).map((e) => ({
      caseId: e.caseId,
      caseNo: formatCaseNo(Number(byId.get(e.caseId)?.case_no)),
      code: e.code,
      reason: e.reason,
    })),
  };
  await writeAuditSql(sql, actor, now, {
    action: why.status === 'recalled' ? 'placement.recall' : 'placement.end',
    entityType: 'agency_placement',
    entityId: placement.id,
    before: { status: placement.status },
    after: {
      status: why.status,
      reason: why.reason.zh,
      recalled: result.recalled,
      toPreviousCollector: result.toPreviousCollector,
      reassigned: result.reassigned,
      unassigned: result.unassigned,
    },
  });
  return result;
}

const PLACEMENT_LOCK = `SELECT pl.id, pl.agency_id, ag.name AS agency_name, pl.portfolio_id, pl.status, pl.case_ids
  FROM agency_placements pl JOIN agencies ag ON ag.id = pl.agency_id`;

/** Recalls a placement before its end, with a reason: its cases come back to their collectors or the rules. */
export async function recallPlacement(
  store: Store,
  actor: Actor,
  placementId: string,
  reason: string,
  now: Date,
): Promise<RecallResult> {
  allow(actor, 'placements.manage');
  const why = typedReason(reason);
  if (!isUuid(placementId)) throw new AppError('NOT_FOUND');
  return store.transaction(async ({ sql }) => {
    const row = (
      await sql.query<PlacementLockRow>(`${PLACEMENT_LOCK} WHERE pl.id = $1 FOR UPDATE OF pl`, [placementId])
    ).rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    if (row.status !== 'active') {
      const zh = row.status === 'recalled' ? '已召回' : '已到期结束';
      const en = row.status === 'recalled' ? 'already recalled' : 'already ended';
      throw invalid('placementId', `该委外批次${zh}`, `this placement is ${en}`);
    }
    return recallInTx(
      sql,
      actor,
      row,
      {
        status: 'recalled',
        reason: {
          zh: `从 ${row.agency_name} 召回（${why}）`,
          en: `Recalled from ${row.agency_name} (${why})`,
        },
      },
      now,
    );
  });
}

/**
 * Ends the placements whose period ended before `asOf` (ends_on < asOf) in the caller's transaction (the
 * nightly batch): their cases are recalled the same way. Returns how many placements ended; a second
 * run finds none.
 */
export async function endExpiredPlacements(sql: SqlSession, asOf: string, now: Date): Promise<number> {
  if (!isBusinessDate(asOf)) throw invalid('asOf', '须为有效日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
  const due = await sql.query<PlacementLockRow & { ends_on: string }>(
    `SELECT pl.id, pl.agency_id, ag.name AS agency_name, pl.portfolio_id, pl.status, pl.case_ids, pl.ends_on
     FROM agency_placements pl JOIN agencies ag ON ag.id = pl.agency_id
     WHERE pl.status = 'active' AND pl.ends_on < $1::date ORDER BY pl.ends_on, pl.id FOR UPDATE OF pl`,
    [asOf],
  );
  const actor = systemActor('batch');
  for (const row of due.rows) {
    await recallInTx(
      sql,
      actor,
      row,
      {
        status: 'ended',
        reason: {
          zh: `${row.agency_name} 委外期满（至 ${row.ends_on}）`,
          en: `Placement with ${row.agency_name} ended (${row.ends_on})`,
        },
      },
      now,
    );
  }
  return due.rows.length;
}

// ——— the team lead's screens ———

export interface CollectorWorkload {
  collectorId: string;
  name: string;
  active: boolean;
  openCases: number;
  capacity: number;
  /** Open cases ÷ capacity, in whole percent. */
  loadPct: number;
  balanceFen: number;
  dueFollowUps: number;
  promisesDueToday: number;
  contactsToday: number;
  brokenPromises: number;
}

export interface TeamWorkload {
  teamId: string;
  teamCode: string;
  teamName: string;
  capacityPerCollector: number;
  collectors: CollectorWorkload[];
  /** The team's open cases without a collector (its pool). */
  unassignedCases: number;
  totals: Omit<CollectorWorkload, 'collectorId' | 'name' | 'active'>;
}

/** Which teams the actor may look at: a team lead their own; a manager one or all. */
async function teamsInReach(sql: SqlSession, actor: Actor, teamId: string | undefined) {
  allow(actor, 'cases.assign', 'placements.manage');
  const manager = isManager(actor);
  if (!manager) {
    if (!actor.teamId) throw new AppError('FORBIDDEN');
    if (teamId && teamId !== actor.teamId) {
      throw new AppError(
        'FORBIDDEN',
        {},
        { field: 'teamId', reason: '只能查看本团队', reasonEn: 'only your own team' },
      );
    }
  }
  const wanted = manager ? (teamId ?? null) : actor.teamId;
  if (wanted !== null && !isUuid(wanted)) throw invalid('teamId', '团队不存在', 'no such team');
  const r = await sql.query<{ id: string; code: string; name: string; capacity: number }>(
    `SELECT id, code, name, case_capacity_per_collector AS capacity FROM teams
     WHERE $1::uuid IS NULL OR id = $1::uuid ORDER BY code`,
    [wanted],
  );
  if (wanted !== null && r.rows.length === 0) throw invalid('teamId', '团队不存在', 'no such team');
  return r.rows;
}

/**
 * Per collector of the team(s): open cases against capacity, balance, due follow-ups now, promises due
 * today, contacts completed today and broken promises; with team totals. "Today" is the business day in
 * `timeZone` (the center's).
 */
export async function teamWorkload(
  store: Store,
  actor: Actor,
  filter: { teamId?: string },
  now: Date,
  timeZone = 'Asia/Shanghai',
): Promise<{ asOf: string; teams: TeamWorkload[] }> {
  const teams = await teamsInReach(store.sql, actor, filter.teamId);
  const teamIds = teams.map((t) => t.id);
  const collectors = (await loadCollectors(store.sql)).filter(
    (c) => c.team_id !== null && teamIds.includes(c.team_id) && (c.active || c.load > 0),
  );
  const ids = collectors.map((c) => c.id);
  const [stats, pool, day] = await Promise.all([
    store.sql.query<{
      uid: string;
      open_cases: number;
      balance_fen: number;
      due_follow_ups: number;
      promises_due_today: number;
      broken_promises: number;
      contacts_today: number;
    }>(
      `WITH day AS (
         SELECT (date_trunc('day', $2::timestamptz AT TIME ZONE $3) AT TIME ZONE $3) AS start,
           ($2::timestamptz AT TIME ZONE $3)::date AS today
       )
       SELECT c.assigned_collector_id AS uid, count(*)::int AS open_cases,
         coalesce(sum(a.balance_fen), 0)::bigint AS balance_fen,
         count(*) FILTER (WHERE c.follow_up_at <= $2)::int AS due_follow_ups,
         coalesce(sum((SELECT count(*) FROM promises pm, day WHERE pm.case_id = c.id AND pm.status = 'pending'
           AND pm.due_date = day.today)), 0)::int AS promises_due_today,
         coalesce(sum((SELECT count(*) FROM promises pm WHERE pm.case_id = c.id AND pm.status = 'broken')), 0)::int
           AS broken_promises,
         coalesce(sum((SELECT count(*) FROM contact_attempts ca, day WHERE ca.case_id = c.id
           AND ca.actor_id = c.assigned_collector_id AND ca.status = 'completed' AND ca.at >= day.start)), 0)::int
           AS contacts_today
       FROM cases c JOIN accounts a ON a.id = c.account_id
       WHERE c.assigned_collector_id = ANY($1::uuid[]) AND c.status = 'open'
       GROUP BY c.assigned_collector_id`,
      [ids, now, timeZone],
    ),
    store.sql.query<{ team_id: string; n: number }>(
      `SELECT team_id, count(*)::int AS n FROM cases
       WHERE team_id = ANY($1::uuid[]) AND status = 'open' AND assigned_collector_id IS NULL AND agency_id IS NULL
       GROUP BY team_id`,
      [teamIds],
    ),
    store.sql.query<{ today: string }>(`SELECT (($1::timestamptz AT TIME ZONE $2)::date)::text AS today`, [
      now,
      timeZone,
    ]),
  ]);
  const statOf = new Map(stats.rows.map((s) => [s.uid, s]));
  const pct = (open: number, capacity: number) => (capacity > 0 ? Math.round((open * 100) / capacity) : 0);
  return {
    asOf: day.rows[0]?.today ?? '',
    teams: teams.map((t) => {
      const rows: CollectorWorkload[] = collectors
        .filter((c) => c.team_id === t.id)
        .map((c) => {
          const s = statOf.get(c.id);
          const openCases = s?.open_cases ?? 0;
          return {
            collectorId: c.id,
            name: c.name,
            active: c.active,
            openCases,
            capacity: c.capacity,
            loadPct: pct(openCases, c.capacity),
            balanceFen: Number(s?.balance_fen ?? 0),
            dueFollowUps: s?.due_follow_ups ?? 0,
            promisesDueToday: s?.promises_due_today ?? 0,
            contactsToday: s?.contacts_today ?? 0,
            brokenPromises: s?.broken_promises ?? 0,
          };
        });
      const sum = (key: keyof CollectorWorkload) => rows.reduce((total, r) => total + Number(r[key]), 0);
      const capacity = sum('capacity');
      return {
        teamId: t.id,
        teamCode: t.code,
        teamName: t.name,
        capacityPerCollector: t.capacity,
        collectors: rows,
        unassignedCases: pool.rows.find((p) => p.team_id === t.id)?.n ?? 0,
        totals: {
          openCases: sum('openCases'),
          capacity,
          loadPct: pct(sum('openCases'), capacity),
          balanceFen: sum('balanceFen'),
          dueFollowUps: sum('dueFollowUps'),
          promisesDueToday: sum('promisesDueToday'),
          contactsToday: sum('contactsToday'),
          brokenPromises: sum('brokenPromises'),
        },
      };
    }),
  };
}

export interface TeamQueueItem {
  caseId: string;
  caseNo: string;
  portfolioCode: string;
  debtorName: string;
  collectorId: string | null;
  collectorName: string | null;
  teamName: string | null;
  priority: number;
  bucket: string;
  daysPastDue: number;
  balanceFen: number;
  followUpAt: string | null;
  segmentKey: string | null;
  segmentName: { zh: string; en: string } | null;
  flags: { complaintFreeze: boolean; legalHold: boolean };
}

/** The team's open in-house cases, highest priority first (a manager: one team or all). */
export async function teamQueue(
  store: Store,
  actor: Actor,
  filter: { teamId?: string; collectorId?: string; bucket?: string; page: number; pageSize: number },
): Promise<{ items: TeamQueueItem[]; total: number; page: number; pageSize: number }> {
  const teams = await teamsInReach(store.sql, actor, filter.teamId);
  const collector = filter.collectorId ?? null;
  if (collector && collector !== 'none' && !isUuid(collector)) {
    throw invalid('collectorId', '催收员不存在', 'no such collector');
  }
  const params: unknown[] = [
    teams.map((t) => t.id),
    collector === 'none' ? null : collector,
    collector === 'none',
    filter.bucket || null,
  ];
  const where = `c.team_id = ANY($1::uuid[]) AND c.status = 'open' AND c.agency_id IS NULL
    AND ($2::uuid IS NULL OR c.assigned_collector_id = $2::uuid)
    AND (NOT $3::boolean OR c.assigned_collector_id IS NULL)
    AND ($4::text IS NULL OR c.bucket = $4::text)`;
  const offset = (filter.page - 1) * filter.pageSize;
  const [items, total] = await Promise.all([
    store.sql.query<{
      id: string;
      case_no: number;
      portfolio_code: string;
      debtor_name: string;
      collector_id: string | null;
      collector_name: string | null;
      team_name: string | null;
      priority: number;
      bucket: string;
      days_past_due: number;
      balance_fen: number;
      follow_up_at: Date | null;
      segment_key: string | null;
      segment_name: { zh: string; en: string } | null;
      complaint_freeze: boolean;
      legal_hold: boolean;
    }>(
      `SELECT c.id, c.case_no, p.code AS portfolio_code, d.name AS debtor_name, c.assigned_collector_id AS collector_id,
         u.display_name AS collector_name, t.name AS team_name, c.priority, c.bucket, c.days_past_due, a.balance_fen,
         c.follow_up_at, c.segment_key, c.complaint_freeze, c.legal_hold,
         (SELECT seg->'name' FROM strategies st, jsonb_array_elements(st.definition->'segments') seg
          WHERE st.portfolio_id = c.portfolio_id AND st.version = c.strategy_version
            AND seg->>'key' = c.segment_key) AS segment_name
       FROM cases c JOIN accounts a ON a.id = c.account_id JOIN debtors d ON d.id = c.debtor_id
         JOIN portfolios p ON p.id = c.portfolio_id LEFT JOIN users u ON u.id = c.assigned_collector_id
         LEFT JOIN teams t ON t.id = c.team_id
       WHERE ${where}
       ORDER BY c.priority DESC, c.days_past_due DESC, c.case_no
       LIMIT ${filter.pageSize} OFFSET ${offset}`,
      params,
    ),
    store.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE ${where}`, params),
  ]);
  return {
    items: items.rows.map((r) => ({
      caseId: r.id,
      caseNo: formatCaseNo(r.case_no),
      portfolioCode: r.portfolio_code,
      debtorName: r.debtor_name,
      collectorId: r.collector_id,
      collectorName: r.collector_name,
      teamName: r.team_name,
      priority: r.priority,
      bucket: r.bucket,
      daysPastDue: r.days_past_due,
      balanceFen: Number(r.balance_fen),
      followUpAt: r.follow_up_at ? new Date(r.follow_up_at).toISOString() : null,
      segmentKey: r.segment_key,
      segmentName: r.segment_name,
      flags: { complaintFreeze: r.complaint_freeze, legalHold: r.legal_hold },
    })),
    total: total.rows[0]?.n ?? 0,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

/** The choices of the assignment screens: teams with their collectors (load and capacity), and agencies. */
export async function assignmentOptions(store: Store, actor: Actor) {
  allow(actor, 'cases.assign', 'placements.manage');
  const manager = isManager(actor);
  const teamId = manager ? null : actor.teamId;
  if (!manager && !teamId) throw new AppError('FORBIDDEN');
  const teams = (await teamsList(store.sql)).filter((t) => teamId === null || t.id === teamId);
  const collectors = (await loadCollectors(store.sql, teamId)).filter((c) => c.active);
  const agencies = manager
    ? (
        await store.sql.query<{ id: string; code: string; name: string }>(
          'SELECT id, code, name FROM agencies ORDER BY code',
        )
      ).rows
    : [];
  return {
    teams,
    collectors: collectors.map((c) => ({
      id: c.id,
      name: c.name,
      teamId: c.team_id,
      teamName: c.team_name,
      load: c.load,
      capacity: c.capacity,
    })),
    agencies,
  };
}

// ——— why a case is where it is ———

export interface AssignmentHistoryEntry {
  id: string;
  at: string;
  rule: string;
  reason: BilingualText;
  fromCollector: string | null;
  toCollector: string | null;
  fromTeam: string | null;
  toTeam: string | null;
  agency: string | null;
  by: string | null;
}

/** Every assignment, reassignment, placement and recall of a case in the actor's scope, newest first. */
export async function caseAssignmentHistory(
  store: Store,
  actor: Actor,
  caseId: string,
): Promise<AssignmentHistoryEntry[]> {
  assertCaseReader(actor);
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  const scope = caseScopeSql(actor, 'c', 2);
  const visible = await store.sql.query(`SELECT 1 FROM cases c WHERE c.id = $1 AND ${scope.sql}`, [
    caseId,
    ...scope.params,
  ]);
  if (visible.rows.length === 0) throw new AppError('CASE_NOT_FOUND');
  const r = await store.sql.query<{
    id: string;
    at: Date;
    rule: string;
    reason: string;
    from_collector: string | null;
    to_collector: string | null;
    from_team: string | null;
    to_team: string | null;
    agency: string | null;
    by_name: string | null;
  }>(
    `SELECT h.id, h.at, h.rule, h.reason, fc.display_name AS from_collector, tc.display_name AS to_collector,
       ft.name AS from_team, tt.name AS to_team, ag.name AS agency, b.display_name AS by_name
     FROM assignment_history h
       LEFT JOIN users fc ON fc.id = h.from_collector_id LEFT JOIN users tc ON tc.id = h.to_collector_id
       LEFT JOIN teams ft ON ft.id = h.from_team_id LEFT JOIN teams tt ON tt.id = h.to_team_id
       LEFT JOIN agencies ag ON ag.id = h.agency_id LEFT JOIN users b ON b.id = h.by_user_id
     WHERE h.case_id = $1 ORDER BY h.at DESC, h.id DESC`,
    [caseId],
  );
  return r.rows.map((row) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    rule: row.rule,
    reason: splitReason(row.reason),
    fromCollector: row.from_collector,
    toCollector: row.to_collector,
    fromTeam: row.from_team,
    toTeam: row.to_team,
    agency: row.agency,
    by: row.by_name,
  }));
}

// ——— the demo seed ———

/**
 * Records how the demo seed assigned a portfolio's cases, so every demo case can say why it is where it
 * is: an 'import' history row for each in-house case without history, and one active placement (90 days
 * from today in the portfolio's zone) with its 'placement' rows for the cases the seed gave the agency.
 */
export async function recordDemoAssignment(
  sql: SqlSession,
  portfolioId: string,
  now: Date,
  actor: Actor,
): Promise<void> {
  const day = await sql.query<{ as_of: string; ends_on: string }>(
    `SELECT (($2::timestamptz AT TIME ZONE time_zone)::date)::text AS as_of,
       (($2::timestamptz AT TIME ZONE time_zone)::date + 90)::text AS ends_on
     FROM portfolios WHERE id = $1`,
    [portfolioId, now],
  );
  const { as_of: asOf, ends_on: endsOn } = day.rows[0] as { as_of: string; ends_on: string };
  await sql.query(
    `INSERT INTO assignment_history (case_id, to_collector_id, to_team_id, rule, reason, by_user_id, at)
     SELECT c.id, c.assigned_collector_id, c.team_id, 'import', $2, NULL, $3
     FROM cases c
     WHERE c.portfolio_id = $1 AND c.agency_id IS NULL AND (c.assigned_collector_id IS NOT NULL OR c.team_id IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM assignment_history h WHERE h.case_id = c.id)`,
    [
      portfolioId,
      bilingual({
        zh: '导入后按逾期天数分配：30 天内给早期组，31-90 天给中后期组（演示数据）',
        en: 'Assigned after import by days past due: up to 30 to the early team, 31-90 to the late team (demo data)',
      }),
      now,
    ],
  );
  const placed = await sql.query<{ id: string; agency_id: string; agency_name: string }>(
    `SELECT c.id, c.agency_id, ag.name AS agency_name FROM cases c JOIN agencies ag ON ag.id = c.agency_id
     WHERE c.portfolio_id = $1 AND NOT EXISTS (SELECT 1 FROM assignment_history h WHERE h.case_id = c.id)
     ORDER BY c.id`,
    [portfolioId],
  );
  const byAgency = new Map<string, { name: string; ids: string[] }>();
  for (const row of placed.rows) {
    const entry = byAgency.get(row.agency_id) ?? { name: row.agency_name, ids: [] };
    entry.ids.push(row.id);
    byAgency.set(row.agency_id, entry);
  }
  for (const [agencyId, { name, ids }] of byAgency) {
    const inserted = await sql.query<{ id: string }>(
      `INSERT INTO agency_placements (agency_id, portfolio_id, starts_on, ends_on, status, case_ids, created_by, created_at)
       VALUES ($1, $2, $3::date, $4::date, 'active', $5::jsonb, NULL, $6) RETURNING id`,
      [agencyId, portfolioId, asOf, endsOn, JSON.stringify(ids), now],
    );
    const placementId = (inserted.rows[0] as { id: string }).id;
    const note = '逾期超过 90 天的案件委外（演示数据）';
    await insertHistory(
      sql,
      ids.map((caseId) => ({
        caseId,
        fromCollectorId: null,
        toCollectorId: null,
        fromTeamId: null,
        toTeamId: null,
        agencyId,
        rule: 'placement' as const,
        reason: bilingual({
          zh: `委外至 ${name}（${asOf} – ${endsOn}）：${note}`,
          en: `Placed with ${name} (${asOf} – ${endsOn}): over 90 days past due (demo data)`,
        }),
      })),
      actor,
      now,
    );
    await writeAuditSql(sql, actor, now, {
      action: 'placement.create',
      entityType: 'agency_placement',
      entityId: placementId,
      after: { startsOn: asOf, endsOn, note, cases: ids.length },
    });
  }
}
