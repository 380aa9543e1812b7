/**
 * A case's timeline: everything that happened on it, newest first, in one list: contact attempts (with
 * the action code and note the collector logged), promises, payments, case notes, bucket moves and
 * assignment changes. The case must be in the actor's scope.
 */
import { maskPhone } from '../domain/masking';
import { AppError } from '../errors';
import type { Store } from '../store/db';
import type { Actor } from './actor';
import { caseScopeSql } from './case-scope';
import { assertCaseReader } from './cases';
import { isUuid } from './ids';

export interface TimelineEntry {
  id: string;
  kind: 'contact' | 'promise' | 'payment' | 'note' | 'bucket' | 'assignment';
  /** When it happened (ISO-8601). Bucket moves are dated: midnight UTC of the day. */
  at: string;
  /** Who did it, when a person did. */
  actor: string | null;
  contact?: {
    channel: string;
    party: string;
    phone: string | null;
    status: string;
    outcome: string | null;
    actionCode: string | null;
    note: string | null;
  };
  promise?: { amountFen: number; dueDate: string; channel: string; status: string; paidFen: number };
  payment?: {
    amountFen: number;
    channel: string;
    externalRef: string;
    allocation: { feesFen: number; penaltyFen: number; interestFen: number; principalFen: number };
    overpaymentFen: number;
    status: string;
  };
  note?: { body: string };
  bucket?: { fromBucket: string | null; toBucket: string | null; daysPastDue: number; reason: string };
  assignment?: { fromCollector: string | null; toCollector: string | null; rule: string; reason: string };
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** The case id when the actor may see it, else CASE_NOT_FOUND. */
export async function visibleCaseId(store: Store, actor: Actor, caseId: string): Promise<string> {
  assertCaseReader(actor);
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  const scope = caseScopeSql(actor, 'c', 2);
  const found = await store.sql.query(`SELECT 1 FROM cases c WHERE c.id = $1::uuid AND ${scope.sql}`, [
    caseId,
    ...scope.params,
  ]);
  if (found.rows.length === 0) throw new AppError('CASE_NOT_FOUND');
  return caseId;
}

export async function caseTimeline(store: Store, actor: Actor, caseId: string): Promise<TimelineEntry[]> {
  await visibleCaseId(store, actor, caseId);
  const [contacts, promises, payments, notes, buckets, assignments] = await Promise.all([
    store.sql.query<{
      id: string;
      at: Date;
      channel: string;
      party: string;
      phone: string | null;
      status: string;
      outcome: string | null;
      action_code: string | null;
      note: string | null;
      actor_name: string;
    }>(
      `SELECT a.id, a.at, a.channel, a.party, a.phone, a.status, a.outcome, a.action_code, a.note,
         coalesce(u.display_name, a.actor_name) AS actor_name
       FROM contact_attempts a LEFT JOIN users u ON u.id = a.actor_id WHERE a.case_id = $1`,
      [caseId],
    ),
    store.sql.query<{
      id: string;
      created_at: Date;
      amount_fen: number;
      due_date: string;
      channel: string;
      status: string;
      paid_fen: number;
      created_by_name: string | null;
    }>(
      `SELECT pr.id, pr.created_at, pr.amount_fen, pr.due_date, pr.channel, pr.status, pr.paid_fen,
         u.display_name AS created_by_name
       FROM promises pr LEFT JOIN users u ON u.id = pr.created_by WHERE pr.case_id = $1`,
      [caseId],
    ),
    store.sql.query<{
      id: string;
      paid_at: Date;
      amount_fen: number;
      channel: string;
      external_ref: string;
      allocation: Record<string, number>;
      overpayment_fen: number;
      status: string;
      entered_by_name: string | null;
    }>(
      `SELECT py.id, py.paid_at, py.amount_fen, py.channel, py.external_ref, py.allocation, py.overpayment_fen,
         py.status, u.display_name AS entered_by_name
       FROM payments py LEFT JOIN users u ON u.id = py.entered_by WHERE py.case_id = $1`,
      [caseId],
    ),
    store.sql.query<{ id: string; created_at: Date; body: string; author_name: string }>(
      'SELECT id, created_at, body, author_name FROM case_notes WHERE case_id = $1',
      [caseId],
    ),
    store.sql.query<{
      id: number;
      moved_on: string;
      from_bucket: string | null;
      to_bucket: string | null;
      days_past_due: number;
      reason: string;
    }>(
      'SELECT id, moved_on, from_bucket, to_bucket, days_past_due, reason FROM bucket_history WHERE case_id = $1',
      [caseId],
    ),
    store.sql.query<{
      id: string;
      at: Date;
      from_name: string | null;
      to_name: string | null;
      rule: string;
      reason: string;
      by_name: string | null;
    }>(
      `SELECT h.id, h.at, f.display_name AS from_name, t.display_name AS to_name, h.rule, h.reason,
         b.display_name AS by_name
       FROM assignment_history h LEFT JOIN users f ON f.id = h.from_collector_id
         LEFT JOIN users t ON t.id = h.to_collector_id LEFT JOIN users b ON b.id = h.by_user_id
       WHERE h.case_id = $1`,
      [caseId],
    ),
  ]);
  const entries: TimelineEntry[] = [
    ...contacts.rows.map(
      (r): TimelineEntry => ({
        id: r.id,
        kind: 'contact',
        at: iso(r.at),
        actor: r.actor_name,
        contact: {
          channel: r.channel,
          party: r.party,
          phone: r.phone ? maskPhone(r.phone) : null,
          status: r.status,
          outcome: r.outcome,
          actionCode: r.action_code,
          note: r.note,
        },
      }),
    ),
    ...promises.rows.map(
      (r): TimelineEntry => ({
        id: r.id,
        kind: 'promise',
        at: iso(r.created_at),
        actor: r.created_by_name,
        promise: {
          amountFen: Number(r.amount_fen),
          dueDate: r.due_date,
          channel: r.channel,
          status: r.status,
          paidFen: Number(r.paid_fen),
        },
      }),
    ),
    ...payments.rows.map(
      (r): TimelineEntry => ({
        id: r.id,
        kind: 'payment',
        at: iso(r.paid_at),
        actor: r.entered_by_name,
        payment: {
          amountFen: Number(r.amount_fen),
          channel: r.channel,
          externalRef: r.external_ref,
          allocation: {
            feesFen: Number(r.allocation?.feesFen ?? 0),
            penaltyFen: Number(r.allocation?.penaltyFen ?? 0),
            interestFen: Number(r.allocation?.interestFen ?? 0),
            principalFen: Number(r.allocation?.principalFen ?? 0),
          },
          overpaymentFen: Number(r.overpayment_fen),
          status: r.status,
        },
      }),
    ),
    ...notes.rows.map(
      (r): TimelineEntry => ({
        id: r.id,
        kind: 'note',
        at: iso(r.created_at),
        actor: r.author_name,
        note: { body: r.body },
      }),
    ),
    ...buckets.rows.map(
      (r): TimelineEntry => ({
        id: `bucket-${r.id}`,
        kind: 'bucket',
        at: `${r.moved_on}T00:00:00.000Z`,
        actor: null,
        bucket: {
          fromBucket: r.from_bucket,
          toBucket: r.to_bucket,
          daysPastDue: r.days_past_due,
          reason: r.reason,
        },
      }),
    ),
    ...assignments.rows.map(
      (r): TimelineEntry => ({
        id: r.id,
        kind: 'assignment',
        at: iso(r.at),
        actor: r.by_name,
        assignment: { fromCollector: r.from_name, toCollector: r.to_name, rule: r.rule, reason: r.reason },
      }),
    ),
  ];
  // Newest first; the same instant keeps a stable order by id.
  return entries.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}
