/**
 * The collector's day: the tasks waiting for the actor (promise reminders and follow-ups from the
 * nightly batch, callbacks and reviews from contact logs), marking one done, and the promises that fall
 * due on a day.
 *
 * - Whose tasks: the ones assigned to the actor, and for a team lead the team's tasks without a person
 *   (reviews of disputes, claimed payments and reported deaths). Only tasks on cases the actor can see.
 * - "Today" is the local day in the zone of the case's portfolio; a task is overdue once its due time
 *   has passed.
 * - Done is idempotent: a task done twice is done once (the first note and time stay). Marking a
 *   callback or promise follow-up done moves the case's follow-up time to the next open one (or clears
 *   it); verifying a claimed payment lifts the hold on contact it put on the case. Audited.
 */

import { isBusinessDate } from '../domain/dates';
import { maskName } from '../domain/masking';
import { can, ROLES } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { Store } from '../store/db';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { caseScopeSql } from './case-scope';
import { formatCaseNo } from './cases';
import { isUuid } from './ids';

export type TaskKind =
  | 'promise_reminder'
  | 'promise_follow_up'
  | 'callback'
  | 'letter'
  | 'visit'
  | 'escalation_agency'
  | 'escalation_legal'
  | 'review';

export interface TaskView {
  id: string;
  caseId: string;
  caseNo: string;
  debtorName: string;
  kind: TaskKind;
  dueAt: string;
  status: 'open' | 'done' | 'cancelled';
  overdue: boolean;
  team: boolean;
  payload: Record<string, unknown>;
  doneAt: string | null;
}

export interface TaskFilter {
  status?: 'open' | 'done';
  due?: 'today' | 'overdue' | 'all';
}

interface TaskRow {
  id: string;
  case_id: string;
  case_no: number;
  debtor_name: string;
  kind: TaskKind;
  due_at: Date;
  status: 'open' | 'done' | 'cancelled';
  assigned_user_id: string | null;
  payload: Record<string, unknown> | null;
  done_at: Date | null;
}

function assertWorker(actor: Actor): void {
  if (actor.kind !== 'user' || !actor.userId || !actor.role || !can(actor.role, 'contacts.create')) {
    throw new AppError('FORBIDDEN');
  }
}

/** A team lead also works the team's tasks that have no person. */
function leadsTeam(actor: Actor): boolean {
  return actor.role !== null && ROLES[actor.role].caseScope === 'team' && actor.teamId !== null;
}

/** The condition "the actor's task" on tasks aliased t, parameters from `first`. */
function mineSql(actor: Actor, first: number): { sql: string; params: unknown[] } {
  if (leadsTeam(actor)) {
    return {
      sql: `(t.assigned_user_id = $${first}::uuid OR (t.assigned_user_id IS NULL AND t.team_id = $${first + 1}::uuid))`,
      params: [actor.userId, actor.teamId],
    };
  }
  return { sql: `t.assigned_user_id = $${first}::uuid`, params: [actor.userId] };
}

const COLUMNS = `t.id, t.case_id, c.case_no, d.name AS debtor_name, t.kind, t.due_at, t.status, t.assigned_user_id,
  t.payload, t.done_at`;
const FROM = `tasks t JOIN cases c ON c.id = t.case_id JOIN debtors d ON d.id = c.debtor_id
  JOIN portfolios p ON p.id = c.portfolio_id`;

function view(r: TaskRow, now: Date): TaskView {
  const dueAt = new Date(r.due_at);
  return {
    id: r.id,
    caseId: r.case_id,
    caseNo: formatCaseNo(Number(r.case_no)),
    debtorName: maskName(r.debtor_name),
    kind: r.kind,
    dueAt: dueAt.toISOString(),
    status: r.status,
    overdue: r.status === 'open' && dueAt.getTime() < now.getTime(),
    team: r.assigned_user_id === null,
    payload: r.payload ?? {},
    doneAt: r.done_at ? new Date(r.done_at).toISOString() : null,
  };
}

/** The actor's tasks: open ones by default, due by the end of today, overdue, or all; soonest first. */
export async function listMyTasks(
  store: Store,
  actor: Actor,
  filter: TaskFilter,
  now: Date,
): Promise<TaskView[]> {
  assertWorker(actor);
  const status = filter.status ?? 'open';
  const due = filter.due ?? 'all';
  const params: unknown[] = [status];
  const mine = mineSql(actor, params.length + 1);
  params.push(...mine.params);
  const scope = caseScopeSql(actor, 'c', params.length + 1);
  params.push(...scope.params);
  const where = ['t.status = $1', mine.sql, scope.sql];
  if (status === 'open') where.push(`c.status = 'open'`);
  if (due !== 'all') params.push(now);
  const at = `$${params.length}::timestamptz`;
  // Today: due before the end of the local day of `now` in the portfolio's zone.
  if (due === 'today') {
    where.push(
      `t.due_at < (((${at} AT TIME ZONE p.time_zone)::date + 1)::timestamp AT TIME ZONE p.time_zone)`,
    );
  } else if (due === 'overdue') {
    where.push(`t.due_at < ${at}`);
  }
  const order = status === 'done' ? 't.done_at DESC, t.id' : 't.due_at, t.id';
  const rows = await store.sql.query<TaskRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT 500`,
    params,
  );
  return rows.rows.map((r) => view(r, now));
}

/** Marks one of the actor's tasks done (with an optional note); done twice is done once. */
export async function completeTask(
  store: Store,
  actor: Actor,
  taskId: string,
  noteInput: string | null | undefined,
  now: Date,
): Promise<TaskView> {
  assertWorker(actor);
  if (!isUuid(taskId)) throw new AppError('NOT_FOUND');
  const note = typeof noteInput === 'string' ? noteInput.trim() : '';
  if (note.length > 2000) throw invalid('note', '不能超过 2000 个字', 'must be at most 2000 characters');
  return store.transaction(async ({ db, sql }) => {
    const params: unknown[] = [taskId];
    const mine = mineSql(actor, 2);
    params.push(...mine.params);
    const scope = caseScopeSql(actor, 'c', params.length + 1);
    params.push(...scope.params);
    const found = await sql.query<TaskRow>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE t.id = $1::uuid AND ${mine.sql} AND ${scope.sql} FOR UPDATE OF t`,
      params,
    );
    const task = found.rows[0];
    if (!task) throw new AppError('NOT_FOUND');
    if (task.status === 'done') return view(task, now);
    if (task.status === 'cancelled') {
      throw invalid('id', '该任务已取消，不能标记完成', 'this task was cancelled; it cannot be done');
    }
    const payload = {
      ...(task.payload ?? {}),
      doneBy: actor.displayName,
      ...(note ? { doneNote: note } : {}),
    };
    const updated = await sql.query<{ done_at: Date }>(
      `UPDATE tasks SET status = 'done', done_at = $2, payload = $3::jsonb WHERE id = $1::uuid RETURNING done_at`,
      [taskId, now, JSON.stringify(payload)],
    );
    const effects: Record<string, unknown> = {};
    if (task.kind === 'callback' || task.kind === 'promise_follow_up') {
      // The case's follow-up time is the next open callback or promise follow-up, or none.
      const moved = await sql.query<{ follow_up_at: Date | null }>(
        `UPDATE cases c SET follow_up_at = (SELECT min(x.due_at) FROM tasks x WHERE x.case_id = c.id
             AND x.status = 'open' AND x.kind IN ('callback', 'promise_follow_up')), updated_at = $2
         WHERE c.id = $1::uuid RETURNING c.follow_up_at`,
        [task.case_id, now],
      );
      const at = moved.rows[0]?.follow_up_at;
      effects.followUpAt = at ? new Date(at).toISOString() : null;
    }
    const holdUntil = task.payload?.holdUntil;
    if (task.kind === 'review' && task.payload?.review === 'payment_claim' && typeof holdUntil === 'string') {
      // The claimed payment is checked: the hold on contact it put on the case ends.
      const lifted = await sql.query(
        `UPDATE cases SET next_contact_at = NULL, updated_at = $3
         WHERE id = $1::uuid AND next_contact_at IS NOT NULL AND next_contact_at <= $2::timestamptz
         RETURNING id`,
        [task.case_id, holdUntil, now],
      );
      effects.contactHoldLifted = (lifted.rowCount ?? lifted.rows.length) > 0;
    }
    await writeAudit(db, actor, {
      action: 'task.done',
      entityType: 'case',
      entityId: task.case_id,
      before: { taskId, status: task.status },
      after: { taskId, kind: task.kind, status: 'done', note: note || null, ...effects },
    });
    return view(
      { ...task, status: 'done', payload, done_at: (updated.rows[0] as { done_at: Date }).done_at },
      now,
    );
  });
}

export interface PromiseDueView {
  promiseId: string;
  caseId: string;
  caseNo: string;
  debtorName: string;
  amountFen: number;
  paidFen: number;
  channel: string;
  dueDate: string;
  dueNextDay: boolean;
}

/**
 * The pending promises on the actor's cases (a collector's own cases; otherwise the cases in scope) due
 * on `date` (default: today in each portfolio's zone) or the day after, with what was paid since the
 * promise was made.
 */
export async function promisesDue(
  store: Store,
  actor: Actor,
  date: string | undefined,
  now: Date,
): Promise<{ date: string | null; items: PromiseDueView[] }> {
  assertWorker(actor);
  if (date !== undefined && !isBusinessDate(date)) {
    throw invalid('date', '须为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
  }
  const params: unknown[] = [date ?? null, now];
  const scope = caseScopeSql(actor, 'c', params.length + 1);
  params.push(...scope.params);
  const where = [`pr.status = 'pending'`, `c.status = 'open'`, scope.sql];
  if (actor.role !== null && ROLES[actor.role].caseScope === 'collector') {
    params.push(actor.userId);
    where.push(`c.assigned_collector_id = $${params.length}::uuid`);
  }
  const rows = await store.sql.query<{
    id: string;
    case_id: string;
    case_no: number;
    debtor_name: string;
    amount_fen: number;
    channel: string;
    due_date: string;
    next_day: boolean;
    paid_fen: number;
  }>(
    `WITH asked AS (
       SELECT pr.*, coalesce($1::date, ($2::timestamptz AT TIME ZONE p.time_zone)::date) AS day,
         p.time_zone, c.case_no, d.name AS debtor_name
       FROM promises pr JOIN cases c ON c.id = pr.case_id JOIN portfolios p ON p.id = c.portfolio_id
         JOIN debtors d ON d.id = c.debtor_id
       WHERE ${where.join(' AND ')}
         AND pr.due_date BETWEEN coalesce($1::date, ($2::timestamptz AT TIME ZONE p.time_zone)::date)
           AND coalesce($1::date, ($2::timestamptz AT TIME ZONE p.time_zone)::date) + 1
     )
     SELECT x.id, x.case_id, x.case_no, x.debtor_name, x.amount_fen, x.channel, x.due_date::text AS due_date,
       (x.due_date = x.day + 1) AS next_day,
       coalesce((SELECT sum(pay.amount_fen - pay.overpayment_fen) FROM payments pay
         WHERE pay.account_id = x.account_id AND pay.status = 'posted'
           AND pay.posted_on >= (x.created_at AT TIME ZONE x.time_zone)::date), 0)::bigint AS paid_fen
     FROM asked x
     ORDER BY x.due_date, x.case_no, x.id
     LIMIT 500`,
    params,
  );
  return {
    date: date ?? null,
    items: rows.rows.map((r) => ({
      promiseId: r.id,
      caseId: r.case_id,
      caseNo: formatCaseNo(Number(r.case_no)),
      debtorName: maskName(r.debtor_name),
      amountFen: Number(r.amount_fen),
      paidFen: Math.min(Number(r.paid_fen), Number(r.amount_fen)),
      channel: r.channel,
      dueDate: r.due_date,
      dueNextDay: r.next_day,
    })),
  };
}
