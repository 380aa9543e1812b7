/**
 * Complaints (投诉) and disputes (争议): anyone who works a case may register one (a debtor's complaint is
 * never refused for lack of a permission). Registering freezes contact on the case
 * (`cases.complaint_freeze`; the contact gate then refuses every contact with `complaint_freeze`).
 * A reviewer (team lead, manager or QA: 'complaints.release') releases a complaint with a required
 * note; the freeze lifts only when no other complaint of the case is still open. The case row is
 * locked in both, so a complaint raised while another is released is never lost. Audited.
 */
import { can } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { Store } from '../store/db';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { caseScopeSql } from './case-scope';
import { formatCaseNo } from './cases';
import { isUuid } from './ids';

export const COMPLAINT_KINDS = ['complaint', 'dispute'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** Where the complaint came in. */
export const COMPLAINT_CHANNELS = ['phone', 'regulator', 'letter', 'email', 'visit', 'app', 'other'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export interface ComplaintInput {
  kind: ComplaintKind;
  channel: ComplaintChannel;
  description: string;
}

export interface ComplaintView {
  id: string;
  caseId: string;
  caseNo: string;
  debtorName: string;
  kind: ComplaintKind;
  channel: string;
  description: string;
  status: 'open' | 'released';
  raisedByName: string | null;
  raisedAt: string;
  releasedByName: string | null;
  releasedAt: string | null;
  releaseNote: string | null;
  /** Whether the case is still frozen for contact. */
  caseFrozen: boolean;
}

interface ComplaintRow {
  id: string;
  case_id: string;
  case_no: number;
  debtor_name: string;
  kind: ComplaintKind;
  channel: string;
  description: string;
  status: 'open' | 'released';
  raised_by_name: string | null;
  raised_at: Date;
  released_by_name: string | null;
  released_at: Date | null;
  release_note: string | null;
  complaint_freeze: boolean;
}

const COLUMNS = `k.id, k.case_id, c.case_no, d.name AS debtor_name, k.kind, k.channel, k.description, k.status,
  ru.display_name AS raised_by_name, k.raised_at, lu.display_name AS released_by_name, k.released_at,
  k.release_note, c.complaint_freeze`;
const FROM = `complaints k JOIN cases c ON c.id = k.case_id JOIN debtors d ON d.id = c.debtor_id
  LEFT JOIN users ru ON ru.id = k.raised_by LEFT JOIN users lu ON lu.id = k.released_by`;

const view = (r: ComplaintRow): ComplaintView => ({
  id: r.id,
  caseId: r.case_id,
  caseNo: formatCaseNo(Number(r.case_no)),
  debtorName: r.debtor_name,
  kind: r.kind,
  channel: r.channel,
  description: r.description,
  status: r.status,
  raisedByName: r.raised_by_name,
  raisedAt: new Date(r.raised_at).toISOString(),
  releasedByName: r.released_by_name,
  releasedAt: r.released_at ? new Date(r.released_at).toISOString() : null,
  releaseNote: r.release_note,
  caseFrozen: r.complaint_freeze,
});

async function getComplaint(store: Store, actor: Actor, id: string): Promise<ComplaintView> {
  const scope = caseScopeSql(actor, 'c', 2);
  const r = await store.sql.query<ComplaintRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE k.id = $1 AND ${scope.sql}`,
    [id, ...scope.params],
  );
  const row = r.rows[0];
  if (!row) throw new AppError('COMPLAINT_NOT_FOUND');
  return view(row);
}

/** Registers a complaint or dispute on a case in scope and freezes contact on the case. */
export async function raiseComplaint(
  store: Store,
  actor: Actor,
  caseId: string,
  input: ComplaintInput,
  now: Date,
): Promise<ComplaintView> {
  if (actor.kind !== 'system' && (!actor.role || !can(actor.role, 'cases.read'))) {
    throw new AppError('FORBIDDEN');
  }
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  if (!(COMPLAINT_KINDS as readonly string[]).includes(input.kind)) {
    throw invalid('kind', '须为投诉或争议', 'must be complaint or dispute');
  }
  if (!(COMPLAINT_CHANNELS as readonly string[]).includes(input.channel)) {
    throw invalid(
      'channel',
      `须为 ${COMPLAINT_CHANNELS.join('/')}`,
      `must be one of ${COMPLAINT_CHANNELS.join(', ')}`,
    );
  }
  const description = typeof input.description === 'string' ? input.description.trim() : '';
  if (description.length < 2 || description.length > 2000) {
    throw invalid(
      'description',
      '须填写投诉内容（2 到 2000 字）',
      'describe the complaint (2 to 2000 characters)',
    );
  }
  const scope = caseScopeSql(actor, 'c', 2);
  const id = await store.transaction(async ({ db, sql }) => {
    const found = await sql.query<{ id: string; complaint_freeze: boolean }>(
      `SELECT c.id, c.complaint_freeze FROM cases c WHERE c.id = $1 AND ${scope.sql} FOR UPDATE OF c`,
      [caseId, ...scope.params],
    );
    const kase = found.rows[0];
    if (!kase) throw new AppError('CASE_NOT_FOUND');
    const inserted = await sql.query<{ id: string }>(
      `INSERT INTO complaints (case_id, kind, channel, description, raised_by, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [caseId, input.kind, input.channel, description, actor.userId, now],
    );
    await sql.query('UPDATE cases SET complaint_freeze = TRUE, updated_at = $2 WHERE id = $1', [caseId, now]);
    const complaintId = (inserted.rows[0] as { id: string }).id;
    await writeAudit(db, actor, {
      action: 'complaint.raise',
      entityType: 'case',
      entityId: caseId,
      before: { complaintFreeze: kase.complaint_freeze },
      after: { complaintId, kind: input.kind, channel: input.channel, complaintFreeze: true },
    });
    return complaintId;
  });
  return getComplaint(store, actor, id);
}

/** Releases an open complaint with a note; the contact freeze lifts when none of the case's remains open. */
export async function releaseComplaint(
  store: Store,
  actor: Actor,
  complaintId: string,
  noteInput: string,
  now: Date,
): Promise<ComplaintView> {
  if (!actor.role || !can(actor.role, 'complaints.release')) throw new AppError('FORBIDDEN');
  if (!isUuid(complaintId)) throw new AppError('COMPLAINT_NOT_FOUND');
  const note = typeof noteInput === 'string' ? noteInput.trim() : '';
  if (note.length < 2 || note.length > 2000) {
    throw invalid('note', '解除须填写处理说明', 'a note on how the complaint was resolved is required');
  }
  const scope = caseScopeSql(actor, 'c', 2);
  await store.transaction(async ({ db, sql }) => {
    const found = await sql.query<{ case_id: string }>(
      `SELECT c.id AS case_id FROM complaints k JOIN cases c ON c.id = k.case_id
       WHERE k.id = $1 AND ${scope.sql} FOR UPDATE OF c`,
      [complaintId, ...scope.params],
    );
    const row = found.rows[0];
    if (!row) throw new AppError('COMPLAINT_NOT_FOUND');
    const released = await sql.query(
      `UPDATE complaints SET status = 'released', released_by = $2, released_at = $3, release_note = $4
       WHERE id = $1 AND status = 'open' RETURNING id`,
      [complaintId, actor.userId, now, note],
    );
    if (released.rows.length === 0) throw new AppError('COMPLAINT_NOT_OPEN');
    const open = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM complaints WHERE case_id = $1 AND status = 'open'`,
      [row.case_id],
    );
    const remaining = Number(open.rows[0]?.n ?? 0);
    if (remaining === 0) {
      await sql.query('UPDATE cases SET complaint_freeze = FALSE, updated_at = $2 WHERE id = $1', [
        row.case_id,
        now,
      ]);
    }
    await writeAudit(db, actor, {
      action: 'complaint.release',
      entityType: 'case',
      entityId: row.case_id,
      before: { complaintId, status: 'open', complaintFreeze: true },
      after: {
        complaintId,
        status: 'released',
        note,
        openRemaining: remaining,
        complaintFreeze: remaining > 0,
      },
    });
  });
  return getComplaint(store, actor, complaintId);
}

/** Complaints in the actor's scope: open ones (oldest first) by default, or one case's, newest first. */
export async function listComplaints(
  store: Store,
  actor: Actor,
  options: { status?: 'open' | 'released'; caseId?: string } = {},
): Promise<ComplaintView[]> {
  if (!actor.role || !can(actor.role, 'cases.read')) throw new AppError('FORBIDDEN');
  const scope = caseScopeSql(actor, 'c', 2);
  const params: unknown[] = [options.status ?? 'open', ...scope.params];
  const where = ['k.status = $1', scope.sql];
  if (options.caseId !== undefined) {
    if (!isUuid(options.caseId)) return [];
    params.push(options.caseId);
    where.push(`k.case_id = $${params.length}::uuid`);
  }
  const r = await store.sql.query<ComplaintRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')}
     ORDER BY k.raised_at ${options.status === 'released' ? 'DESC' : 'ASC'}, k.id LIMIT 200`,
    params,
  );
  return r.rows.map(view);
}
