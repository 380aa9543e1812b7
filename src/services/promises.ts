/**
 * Promises to pay (承诺还款): a concrete amount, date and official channel, taken on a case the actor may
 * work. The nightly batch reminds the day before, decides them from payments and follows up within 24 h.
 */
import { addDays, isBusinessDate, localDateOf } from '../domain/dates';
import { can } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { Store } from '../store/db';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { caseScopeSql } from './case-scope';
import { isUuid } from './ids';

/** Official repayment channels only: never a person's account. */
export const PROMISE_CHANNELS = ['app', 'bank_transfer', 'counter', 'auto_debit'] as const;
export type PromiseChannel = (typeof PROMISE_CHANNELS)[number];

/** How far ahead a single promise may be dated; longer needs an instalment plan. */
export const MAX_PROMISE_DAYS = 30;

export interface PromiseInput {
  amountFen: number;
  dueDate: string;
  channel: PromiseChannel;
  contactAttemptId?: string | null;
}

export interface PromiseView {
  id: string;
  caseId: string;
  amountFen: number;
  dueDate: string;
  channel: string;
  status: 'pending' | 'kept' | 'partly_kept' | 'broken' | 'cancelled';
  paidFen: number;
  decidedOn: string | null;
  createdAt: string;
  createdByName: string | null;
}

interface PromiseRow {
  id: string;
  case_id: string;
  amount_fen: number;
  due_date: string;
  channel: string;
  status: PromiseView['status'];
  paid_fen: number;
  decided_on: string | null;
  created_at: Date;
  created_by_name: string | null;
}

const view = (r: PromiseRow): PromiseView => ({
  id: r.id,
  caseId: r.case_id,
  amountFen: Number(r.amount_fen),
  dueDate: r.due_date,
  channel: r.channel,
  status: r.status,
  paidFen: Number(r.paid_fen),
  decidedOn: r.decided_on,
  createdAt: new Date(r.created_at).toISOString(),
  createdByName: r.created_by_name,
});

/** Takes a promise to pay on a case in the actor's scope. */
export async function createPromise(
  store: Store,
  actor: Actor,
  caseId: string,
  input: PromiseInput,
  now: Date,
): Promise<PromiseView> {
  if (actor.kind !== 'system' && (!actor.role || !can(actor.role, 'promises.create'))) {
    throw new AppError('FORBIDDEN');
  }
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
    throw invalid('amount', '承诺金额须大于 0', 'the promised amount must be above 0');
  }
  if (typeof input.dueDate !== 'string' || !isBusinessDate(input.dueDate)) {
    throw invalid('dueDate', '须为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
  }
  if (!(PROMISE_CHANNELS as readonly string[]).includes(input.channel)) {
    throw invalid(
      'channel',
      '须为官方还款渠道：APP、银行转账、柜台或自动扣款',
      'must be an official channel: app, bank transfer, counter or auto-debit',
    );
  }
  const scope = caseScopeSql(actor, 'c', 2);
  return store.transaction(async ({ db, sql }) => {
    const found = await sql.query<{
      id: string;
      account_id: string;
      status: string;
      time_zone: string;
      balance_fen: number;
    }>(
      `SELECT c.id, c.account_id, c.status, p.time_zone, a.balance_fen
       FROM cases c JOIN portfolios p ON p.id = c.portfolio_id JOIN accounts a ON a.id = c.account_id
       WHERE c.id = $1 AND ${scope.sql} FOR UPDATE OF c`,
      [caseId, ...scope.params],
    );
    const kase = found.rows[0];
    if (!kase) throw new AppError('CASE_NOT_FOUND');
    if (kase.status !== 'open') throw invalid('case', '案件已结案', 'the case is closed');
    const today = localDateOf(now, kase.time_zone);
    if (input.dueDate < today)
      throw invalid('dueDate', '承诺日期不能早于今天', 'the promise date cannot be in the past');
    if (input.dueDate > addDays(today, MAX_PROMISE_DAYS)) {
      throw invalid(
        'dueDate',
        `承诺日期不能晚于 ${MAX_PROMISE_DAYS} 天后；更长的安排请建立分期计划`,
        `a promise may be at most ${MAX_PROMISE_DAYS} days ahead; use an instalment plan for longer`,
      );
    }
    if (input.amountFen > Number(kase.balance_fen)) {
      throw invalid(
        'amount',
        '承诺金额不能超过欠款余额',
        'the promised amount cannot exceed the balance owed',
      );
    }
    const inserted = await sql.query<PromiseRow>(
      `INSERT INTO promises (case_id, account_id, amount_fen, due_date, channel, contact_attempt_id, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       RETURNING *, (SELECT display_name FROM users WHERE id = $7) AS created_by_name`,
      [
        caseId,
        kase.account_id,
        input.amountFen,
        input.dueDate,
        input.channel,
        input.contactAttemptId && isUuid(input.contactAttemptId) ? input.contactAttemptId : null,
        actor.userId,
        now,
      ],
    );
    const row = inserted.rows[0] as PromiseRow;
    await writeAudit(db, actor, {
      action: 'promise.create',
      entityType: 'case',
      entityId: caseId,
      after: {
        promiseId: row.id,
        amountFen: input.amountFen,
        dueDate: input.dueDate,
        channel: input.channel,
      },
    });
    return view(row);
  });
}

/** A case's promises, newest due date first (the case must be in the actor's scope). */
export async function listPromises(store: Store, actor: Actor, caseId: string): Promise<PromiseView[]> {
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  const scope = caseScopeSql(actor, 'c', 2);
  const visible = await store.sql.query(`SELECT 1 FROM cases c WHERE c.id = $1 AND ${scope.sql}`, [
    caseId,
    ...scope.params,
  ]);
  if (visible.rows.length === 0) throw new AppError('CASE_NOT_FOUND');
  const rows = await store.sql.query<PromiseRow>(
    `SELECT pr.*, u.display_name AS created_by_name FROM promises pr LEFT JOIN users u ON u.id = pr.created_by
     WHERE pr.case_id = $1 ORDER BY pr.due_date DESC, pr.created_at DESC`,
    [caseId],
  );
  return rows.rows.map(view);
}
