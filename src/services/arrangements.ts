/**
 * Instalment plans (分期/还款计划) on a case: made, listed, cancelled, and decided after the nightly batch
 * has decided their instalments.
 *
 * - A plan's instalments are rows in `promises` with the plan's id and their number, so the nightly batch
 *   decides each one from payments and makes its reminder and follow-up like any promise.
 * - Making a plan needs `promises.create` on a case in the actor's scope that is open, not frozen by a
 *   complaint, not under legal hold, and without another active plan (the case row is locked, so two
 *   concurrent requests make one plan). The rules of the plan itself are domain/arrangements.
 * - A plan replaces the case's pending single promises: they are cancelled in the same transaction (the
 *   debtor agreed to the plan instead, and one payment must not be counted for a promise and an
 *   instalment). The audit row lists them.
 * - Cancelling a plan (with a reason) cancels its pending instalments; decided ones stay as they were.
 * - `decideArrangements` runs right after the batch has decided the day's promises: it re-decides the
 *   decided instalments of active plans by the cumulative rule (the batch's per-promise rule counts every
 *   payment since a promise was made, which for instalments made on the same day would count the first
 *   instalment's payment again for the second), then recounts kept and broken instalments and the plan's
 *   status (domain `arrangementStatus`, the same rule in SQL). A plan that breaks has its pending
 *   instalments cancelled: the collector renegotiates. Each statement writes only rows that differ, so a
 *   second call changes nothing.
 */
import {
  type ArrangementFrequency,
  type ArrangementPolicy,
  type ArrangementProblem,
  type ArrangementRequest,
  arrangementSchedule,
  MAX_INSTALMENTS,
  type ScheduledInstalment,
  validateArrangement,
} from '../domain/arrangements';
import { localDateOf } from '../domain/dates';
import { can } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { SqlSession, Store } from '../store/db';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { caseScopeSql } from './case-scope';
import { assertCaseReader } from './cases';
import { isUuid } from './ids';
import { PROMISE_CHANNELS } from './promises';

export interface InstalmentView {
  promiseId: string;
  instalmentNo: number;
  dueDate: string;
  amountFen: number;
  status: 'pending' | 'kept' | 'partly_kept' | 'broken' | 'cancelled';
  paidFen: number;
  decidedOn: string | null;
}

export interface ArrangementView {
  id: string;
  caseId: string;
  totalFen: number;
  instalments: number;
  frequency: ArrangementFrequency;
  firstDueDate: string | null;
  channel: string | null;
  status: 'active' | 'completed' | 'broken' | 'cancelled';
  keptInstalments: number;
  brokenInstalments: number;
  /** What the instalments have been paid so far (as decided). */
  paidFen: number;
  decidedOn: string | null;
  createdAt: string;
  createdByName: string | null;
  schedule: InstalmentView[];
}

export interface ArrangementCreated extends ArrangementView {
  /** Pending single promises of the case the plan replaced. */
  cancelledPromiseIds: string[];
}

export interface ArrangementPreview {
  today: string;
  balanceFen: number;
  problems: { field: ArrangementProblem['field']; reason: string; reasonEn: string }[];
  /** The instalments the plan would have; empty while the request cannot make a schedule. */
  schedule: ScheduledInstalment[];
}

interface ArrangementRow {
  id: string;
  case_id: string;
  total_fen: number;
  instalments: number;
  frequency: ArrangementFrequency;
  first_due_date: string | null;
  channel: string | null;
  status: ArrangementView['status'];
  kept_instalments: number;
  broken_instalments: number;
  decided_on: string | null;
  created_at: Date;
  created_by_name: string | null;
}

interface InstalmentRow {
  id: string;
  arrangement_id: string;
  instalment_no: number;
  due_date: string;
  amount_fen: number;
  status: InstalmentView['status'];
  paid_fen: number;
  decided_on: string | null;
}

interface CaseFacts {
  id: string;
  account_id: string;
  status: string;
  complaint_freeze: boolean;
  legal_hold: boolean;
  time_zone: string;
  balance_fen: number;
}

function assertMayArrange(actor: Actor): void {
  if (actor.kind !== 'system' && (!actor.role || !can(actor.role, 'promises.create'))) {
    throw new AppError('FORBIDDEN');
  }
}

function problemsOf(request: ArrangementRequest, facts: CaseFacts, now: Date): ArrangementProblem[] {
  return validateArrangement(request, {
    today: localDateOf(now, facts.time_zone),
    balanceFen: Number(facts.balance_fen),
    channels: PROMISE_CHANNELS,
  });
}

/** The first problem as the error (field and reason), every problem in `details.problems`. */
function refused(problems: ArrangementProblem[]): AppError {
  const first = problems[0] as ArrangementProblem;
  return new AppError(
    'VALIDATION_FAILED',
    { field: first.field, reason: first.reason.zh, reasonEn: first.reason.en },
    {
      field: first.field,
      problems: problems.map((p) => ({ field: p.field, reason: p.reason.zh, reasonEn: p.reason.en })),
    },
  );
}

const view = (row: ArrangementRow, instalments: InstalmentRow[]): ArrangementView => {
  const schedule = instalments
    .filter((i) => i.arrangement_id === row.id)
    .sort((a, b) => a.instalment_no - b.instalment_no)
    .map((i) => ({
      promiseId: i.id,
      instalmentNo: i.instalment_no,
      dueDate: i.due_date,
      amountFen: Number(i.amount_fen),
      status: i.status,
      paidFen: Number(i.paid_fen),
      decidedOn: i.decided_on,
    }));
  return {
    id: row.id,
    caseId: row.case_id,
    totalFen: Number(row.total_fen),
    instalments: row.instalments,
    frequency: row.frequency,
    firstDueDate: row.first_due_date,
    channel: row.channel,
    status: row.status,
    keptInstalments: row.kept_instalments,
    brokenInstalments: row.broken_instalments,
    paidFen: schedule.reduce((sum, i) => sum + i.paidFen, 0),
    decidedOn: row.decided_on,
    createdAt: new Date(row.created_at).toISOString(),
    createdByName: row.created_by_name,
    schedule,
  };
};

async function readPlans(sql: SqlSession, where: string, params: unknown[]): Promise<ArrangementView[]> {
  const plans = await sql.query<ArrangementRow>(
    `SELECT ar.*, u.display_name AS created_by_name FROM arrangements ar
     LEFT JOIN users u ON u.id = ar.created_by WHERE ${where} ORDER BY ar.created_at DESC, ar.id DESC`,
    params,
  );
  if (plans.rows.length === 0) return [];
  const instalments = await sql.query<InstalmentRow>(
    `SELECT id, arrangement_id, instalment_no, due_date, amount_fen, status, paid_fen, decided_on
     FROM promises WHERE arrangement_id = ANY($1::uuid[]) ORDER BY instalment_no`,
    [plans.rows.map((p) => p.id)],
  );
  return plans.rows.map((p) => view(p, instalments.rows));
}

const CASE_FACTS = `SELECT c.id, c.account_id, c.status, c.complaint_freeze, c.legal_hold, p.time_zone, a.balance_fen
  FROM cases c JOIN portfolios p ON p.id = c.portfolio_id JOIN accounts a ON a.id = c.account_id`;

/** The schedule a plan would have and its problems, for the live preview; changes nothing. */
export async function previewArrangement(
  store: Store,
  actor: Actor,
  caseId: string,
  request: ArrangementRequest,
  now: Date,
): Promise<ArrangementPreview> {
  assertCaseReader(actor);
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  const scope = caseScopeSql(actor, 'c', 2);
  const found = await store.sql.query<CaseFacts>(`${CASE_FACTS} WHERE c.id = $1::uuid AND ${scope.sql}`, [
    caseId,
    ...scope.params,
  ]);
  const facts = found.rows[0];
  if (!facts) throw new AppError('CASE_NOT_FOUND');
  const problems = problemsOf(request, facts, now);
  // The schedule shows whenever the request has a shape (even if, say, the total is above the balance).
  let schedule: ScheduledInstalment[] = [];
  if (Number.isSafeInteger(request.instalments) && request.instalments <= MAX_INSTALMENTS) {
    try {
      schedule = arrangementSchedule({
        totalFen: request.totalFen,
        instalments: request.instalments,
        frequency: request.frequency as ArrangementFrequency,
        firstDueDate: request.firstDueDate,
      });
    } catch {
      schedule = [];
    }
  }
  return {
    today: localDateOf(now, facts.time_zone),
    balanceFen: Number(facts.balance_fen),
    problems: problems.map((p) => ({ field: p.field, reason: p.reason.zh, reasonEn: p.reason.en })),
    schedule,
  };
}

/** Makes an instalment plan on a case; its instalments become promises (see the module comment). */
export async function createArrangement(
  store: Store,
  actor: Actor,
  caseId: string,
  request: ArrangementRequest,
  now: Date,
): Promise<ArrangementCreated> {
  assertMayArrange(actor);
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  const scope = caseScopeSql(actor, 'c', 2);
  return store.transaction(async ({ db, sql }) => {
    const found = await sql.query<CaseFacts>(
      `${CASE_FACTS} WHERE c.id = $1::uuid AND ${scope.sql} FOR UPDATE OF c`,
      [caseId, ...scope.params],
    );
    const facts = found.rows[0];
    if (!facts) throw new AppError('CASE_NOT_FOUND');
    if (facts.status !== 'open') throw invalid('case', '案件已结案，不能建立分期', 'the case is closed');
    if (facts.complaint_freeze) {
      throw invalid(
        'case',
        '案件因投诉冻结中，解除前不能建立分期',
        'the case is frozen by a complaint; no plan until it is released',
      );
    }
    if (facts.legal_hold) {
      throw invalid('case', '案件处于法律冻结中，不能建立分期', 'the case is under legal hold; no plan');
    }
    const active = await sql.query<{ id: string }>(
      `SELECT id FROM arrangements WHERE case_id = $1 AND status = 'active' LIMIT 1`,
      [caseId],
    );
    if (active.rows.length > 0) {
      throw invalid(
        'case',
        '该案件已有执行中的分期计划，请先取消该计划',
        'the case already has an active instalment plan; cancel it first',
      );
    }
    const problems = problemsOf(request, facts, now);
    if (problems.length > 0) throw refused(problems);
    const frequency = request.frequency as ArrangementFrequency;
    const schedule = arrangementSchedule({
      totalFen: request.totalFen,
      instalments: request.instalments,
      frequency,
      firstDueDate: request.firstDueDate,
    });
    const inserted = await sql.query<{ id: string }>(
      `INSERT INTO arrangements (case_id, account_id, total_fen, instalments, frequency, first_due_date, channel,
         status, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9, $9) RETURNING id`,
      [
        caseId,
        facts.account_id,
        request.totalFen,
        request.instalments,
        frequency,
        request.firstDueDate,
        request.channel,
        actor.userId,
        now,
      ],
    );
    const arrangementId = (inserted.rows[0] as { id: string }).id;
    await sql.query(
      `INSERT INTO promises (case_id, account_id, amount_fen, due_date, channel, arrangement_id, instalment_no,
         created_by, created_at, updated_at)
       SELECT $1, $2, x.amount_fen, x.due_date, $3, $4, x.instalment_no, $5, $6, $6
       FROM json_to_recordset($7::json) AS x(instalment_no int, due_date date, amount_fen bigint)`,
      [
        caseId,
        facts.account_id,
        request.channel,
        arrangementId,
        actor.userId,
        now,
        JSON.stringify(
          schedule.map((i) => ({
            instalment_no: i.instalmentNo,
            due_date: i.dueDate,
            amount_fen: i.amountFen,
          })),
        ),
      ],
    );
    const cancelled = await sql.query<{ id: string }>(
      `UPDATE promises SET status = 'cancelled', updated_at = $2
       WHERE case_id = $1 AND arrangement_id IS NULL AND status = 'pending' RETURNING id`,
      [caseId, now],
    );
    const cancelledPromiseIds = cancelled.rows.map((r) => r.id);
    await writeAudit(db, actor, {
      action: 'arrangement.create',
      entityType: 'case',
      entityId: caseId,
      after: {
        arrangementId,
        totalFen: request.totalFen,
        instalments: request.instalments,
        frequency,
        firstDueDate: request.firstDueDate,
        channel: request.channel,
        schedule,
        cancelledPromiseIds,
      },
    });
    const [plan] = await readPlans(sql, 'ar.id = $1', [arrangementId]);
    return { ...(plan as ArrangementView), cancelledPromiseIds };
  });
}

/** A case's plans, newest first, each with its schedule (the case must be in the actor's scope). */
export async function listArrangements(
  store: Store,
  actor: Actor,
  caseId: string,
): Promise<ArrangementView[]> {
  assertCaseReader(actor);
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  const scope = caseScopeSql(actor, 'c', 2);
  const visible = await store.sql.query(`SELECT 1 FROM cases c WHERE c.id = $1::uuid AND ${scope.sql}`, [
    caseId,
    ...scope.params,
  ]);
  if (visible.rows.length === 0) throw new AppError('CASE_NOT_FOUND');
  return readPlans(store.sql, 'ar.case_id = $1', [caseId]);
}

/** Cancels an active plan with a reason; its pending instalments are cancelled too. Audited. */
export async function cancelArrangement(
  store: Store,
  actor: Actor,
  arrangementId: string,
  reason: string,
  now: Date,
): Promise<ArrangementView> {
  assertMayArrange(actor);
  if (!isUuid(arrangementId)) throw new AppError('NOT_FOUND');
  if (typeof reason !== 'string' || reason.trim().length < 2) {
    throw invalid('reason', '须说明取消原因', 'give the reason for cancelling the plan');
  }
  const scope = caseScopeSql(actor, 'c', 2);
  return store.transaction(async ({ db, sql }) => {
    const found = await sql.query<{ id: string; case_id: string; status: string; time_zone: string }>(
      `SELECT ar.id, ar.case_id, ar.status, p.time_zone
       FROM arrangements ar JOIN cases c ON c.id = ar.case_id JOIN portfolios p ON p.id = c.portfolio_id
       WHERE ar.id = $1::uuid AND ${scope.sql} FOR UPDATE OF ar`,
      [arrangementId, ...scope.params],
    );
    const plan = found.rows[0];
    if (!plan) throw new AppError('NOT_FOUND');
    if (plan.status !== 'active') {
      const names: Record<string, [string, string]> = {
        completed: ['已完成', 'completed'],
        broken: ['已违约', 'broken'],
        cancelled: ['已取消', 'cancelled'],
      };
      const [zh, en] = names[plan.status] ?? [plan.status, plan.status];
      throw invalid(
        'arrangement',
        `该分期计划${zh}，不能取消`,
        `the plan is already ${en}; it cannot be cancelled`,
      );
    }
    await sql.query(
      `UPDATE arrangements SET status = 'cancelled', decided_on = $2, updated_at = $3 WHERE id = $1`,
      [arrangementId, localDateOf(now, plan.time_zone), now],
    );
    const cancelled = await sql.query<{ id: string }>(
      `UPDATE promises SET status = 'cancelled', updated_at = $2
       WHERE arrangement_id = $1 AND status = 'pending' RETURNING id`,
      [arrangementId, now],
    );
    await writeAudit(db, actor, {
      action: 'arrangement.cancel',
      entityType: 'case',
      entityId: plan.case_id,
      before: { arrangementId, status: 'active' },
      after: {
        arrangementId,
        status: 'cancelled',
        reason: reason.trim(),
        cancelledInstalments: cancelled.rows.length,
      },
    });
    const [updated] = await readPlans(sql, 'ar.id = $1', [arrangementId]);
    return updated as ArrangementView;
  });
}

/*
 * The decided instalments of active plans, re-decided by the cumulative rule (domain decideInstalments):
 * what was paid on the account from the day the plan was made to the instalment's deadline, minus what
 * the earlier instalments are due. The deadline is the day before the batch decided the instalment (the
 * batch decides a promise the day after its due date plus grace), and never after the as-of day ($1).
 */
const REDECIDE_INSTALMENTS = `
WITH inst AS (
  SELECT pr.id, pr.amount_fen, pr.status, pr.decided_on, ar.account_id,
    (ar.created_at AT TIME ZONE p.time_zone)::date AS start_day,
    coalesce(sum(pr.amount_fen) OVER (PARTITION BY pr.arrangement_id ORDER BY pr.instalment_no
      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS due_before
  FROM promises pr
  JOIN arrangements ar ON ar.id = pr.arrangement_id
  JOIN cases c ON c.id = ar.case_id JOIN portfolios p ON p.id = c.portfolio_id
  WHERE ar.status = 'active' AND pr.status <> 'cancelled'
), share AS (
  SELECT i.id, i.amount_fen, greatest(0, least(i.amount_fen, coalesce((
      SELECT sum(pay.amount_fen - pay.overpayment_fen) FROM payments pay
      WHERE pay.account_id = i.account_id AND pay.status = 'posted'
        AND pay.posted_on >= i.start_day AND pay.posted_on <= least(i.decided_on - 1, $1::date)), 0)
    - i.due_before))::bigint AS paid
  FROM inst i
  WHERE i.status IN ('kept', 'partly_kept', 'broken') AND i.decided_on IS NOT NULL
), verdict AS (
  SELECT id, paid,
    CASE WHEN paid >= amount_fen THEN 'kept' WHEN paid > 0 THEN 'partly_kept' ELSE 'broken' END AS status
  FROM share
)
UPDATE promises pr SET paid_fen = v.paid, status = v.status, updated_at = $2
FROM verdict v WHERE pr.id = v.id AND (pr.paid_fen <> v.paid OR pr.status <> v.status)`;

/*
 * Each active plan's counts and status from its instalments (domain arrangementStatus): kept, or not kept
 * but made up by a later kept one, counts as kept; broken counts as broken unless made up; partly kept
 * counts as broken once a later instalment is decided or when it is the last. $3 is the policy's limit.
 * A plan that breaks has its pending instalments cancelled.
 */
const DECIDE_PLANS = `
WITH inst AS (
  SELECT pr.arrangement_id, pr.instalment_no, pr.status,
    max(pr.instalment_no) OVER (PARTITION BY pr.arrangement_id) AS last_no,
    coalesce(bool_or(pr.status = 'kept') OVER later, false) AS made_up,
    coalesce(bool_or(pr.status IN ('kept', 'partly_kept', 'broken')) OVER later, false) AS later_decided
  FROM promises pr JOIN arrangements ar ON ar.id = pr.arrangement_id
  WHERE ar.status = 'active'
  WINDOW later AS (PARTITION BY pr.arrangement_id ORDER BY pr.instalment_no
    ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
), counted AS (
  SELECT arrangement_id,
    (count(*) FILTER (WHERE status = 'kept' OR (status IN ('broken', 'partly_kept') AND made_up)))::int AS kept,
    (count(*) FILTER (WHERE NOT made_up AND (status = 'broken'
      OR (status = 'partly_kept' AND (later_decided OR instalment_no = last_no)))))::int AS broken,
    (count(*) FILTER (WHERE status = 'cancelled'))::int AS cancelled,
    count(*)::int AS total
  FROM inst GROUP BY arrangement_id
), verdict AS (
  SELECT arrangement_id, kept, broken,
    CASE WHEN broken >= $3::int THEN 'broken' WHEN kept = total THEN 'completed'
      WHEN cancelled > 0 THEN 'cancelled' ELSE 'active' END AS status
  FROM counted
), changed AS (
  UPDATE arrangements ar SET kept_instalments = v.kept, broken_instalments = v.broken, status = v.status,
    decided_on = CASE WHEN ar.status <> v.status THEN $1::date ELSE ar.decided_on END, updated_at = $2
  FROM verdict v
  WHERE ar.id = v.arrangement_id
    AND (ar.kept_instalments <> v.kept OR ar.broken_instalments <> v.broken OR ar.status <> v.status)
  RETURNING ar.id, ar.status
), closed AS (
  UPDATE promises pr SET status = 'cancelled', updated_at = $2
  FROM changed ch WHERE pr.arrangement_id = ch.id AND ch.status = 'broken' AND pr.status = 'pending'
  RETURNING 1
)
SELECT (count(*) FILTER (WHERE status = 'completed'))::int AS completed,
  (count(*) FILTER (WHERE status = 'broken'))::int AS broken,
  (SELECT count(*) FROM closed)::int AS closed
FROM changed`;

/**
 * Recomputes the active plans after the batch decided the day's promises (two set-based statements; see
 * the module comment). Call it in the batch's transaction right after promises are decided.
 */
export async function decideArrangements(
  sql: SqlSession,
  asOf: string,
  now: Date,
  policy: ArrangementPolicy = {},
): Promise<{ arrangementsCompleted: number; arrangementsBroken: number }> {
  const limit = policy.brokenLimit ?? 1;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`brokenLimit must be a whole number >= 1: ${limit}`);
  }
  await sql.query(REDECIDE_INSTALMENTS, [asOf, now]);
  const result = await sql.query<{ completed: number; broken: number }>(DECIDE_PLANS, [asOf, now, limit]);
  return {
    arrangementsCompleted: Number(result.rows[0]?.completed ?? 0),
    arrangementsBroken: Number(result.rows[0]?.broken ?? 0),
  };
}
