/**
 * The SMS dispatcher: takes queued messages from sms_outbox, asks the contact gate, fills the merge
 * fields, hands the text to the gateway and records what happened.
 *
 * - No gateway configured: nothing is sent and nothing pretends to be; the queued rows say
 *   '未配置短信网关，短信保留在待发队列' in status_detail and stay queued.
 * - Claiming: one row at a time, by one short statement that locks it with FOR UPDATE SKIP LOCKED and
 *   stamps `last_attempt_at` (a lease: a row stamped within the last LEASE_MS is not claimed again). No
 *   transaction is open while the gateway is called: claim (commit), reserve with the gate, send, record
 *   (one transaction). So two dispatchers, in one process or many, never send the same row, and a
 *   dispatcher that dies mid-send leaves the row to be retried after the lease with the same reference
 *   (the row's source key), which the gateway uses to recognise a message it already has.
 * - The gate: every message is an SMS to the debtor, reserved in the contact ledger by the system
 *   (actor `sms`, kind dialer) like any contact. Blocked for a while (contact hours) → stays queued with the
 *   reasons and the earliest allowed time in status_detail. Blocked with no later time (cease or a
 *   deceased debtor, attorney, complaint freeze, legal hold) → `blocked`: a reminder is not sent weeks
 *   later when a hold is lifted. A closed case → `blocked`.
 * - Merge fields (merge.ts) are filled from the case as it is now; a field without a value → `failed`
 *   (nothing half-filled is sent). Templates were linted when published; nothing is linted here.
 * - Sent → `sent` with sent_at and the provider's id in status_detail; the reserved contact attempt is
 *   completed with the text sent as its note. A failed send cancels the reservation and counts an
 *   attempt: retryable failures stay queued until `maxAttempts`, then `failed`; others fail at once.
 * status_detail holds the Chinese text, a newline, and the English text (the no-gateway note is the
 * Chinese text alone; outbox.ts answers both languages for every detail).
 */
import { gateReasonText } from '../../compliance/gate-reasons';
import { localDateOf } from '../../domain/dates';
import { can } from '../../domain/roles';
import { AppError, isAppError } from '../../errors';
import type { Store } from '../../store/db';
import { type Actor, systemActor } from '../actor';
import { writeAudit } from '../audit';
import { reserveContact } from '../contact-gate';
import type { SmsGateway } from './gateway';
import { mergeValues, renderSms } from './merge';

export const NO_GATEWAY_DETAIL = '未配置短信网关，短信保留在待发队列';
export const NO_GATEWAY_DETAIL_EN = 'No SMS gateway is configured: messages stay in the queue';

/** A claimed row is not claimed again within this time (it is being sent). */
export const LEASE_MS = 120_000;

export interface DispatchOptions {
  gateway: SmsGateway | null;
  now: Date;
  /** Messages handled in this run at most (default 100). */
  limit?: number;
  /** Send attempts before a retryable failure becomes `failed` (default 3). */
  maxAttempts?: number;
  /** Fills {{客服电话}}; default QINGSHOU_SMS_SERVICE_NUMBER. */
  serviceNumber?: string | null;
}

export interface DispatchResult {
  gatewayConfigured: boolean;
  gateway: string | null;
  /** Messages taken from the queue in this run. */
  processed: number;
  sent: number;
  /** Refused for good by the gate (a hold) or a closed case. */
  blocked: number;
  /** Not allowed now by the gate (contact hours): still queued. */
  deferred: number;
  /** A retryable send failure: still queued for a later run. */
  retrying: number;
  failed: number;
  /** Queued after the run. */
  queued: number;
  message: string;
  messageEn: string;
}

interface Claimed {
  id: string;
  case_id: string;
  phone: string;
  body: string;
  source_key: string;
  attempts: number;
}

interface CaseData {
  status: string;
  days_past_due: number;
  contract_no: string;
  balance_fen: number;
  principal_fen: number;
  interest_fen: number;
  penalty_fen: number;
  first_missed_due_date: string;
  debtor_name: string;
  institution: string;
  time_zone: string;
  collector_name: string | null;
  collector_no: string | null;
  promise: { amountFen: number; dueDate: string } | null;
}

const CLAIM = `
WITH picked AS (
  SELECT id FROM sms_outbox
  WHERE status = 'queued'
    AND (last_attempt_at IS NULL OR last_attempt_at <= $1::timestamptz - make_interval(secs => $2::int / 1000.0))
  ORDER BY last_attempt_at NULLS FIRST, queued_at, id
  LIMIT 1
  FOR UPDATE SKIP LOCKED
)
UPDATE sms_outbox o SET last_attempt_at = $1 FROM picked WHERE o.id = picked.id
RETURNING o.id, o.case_id, o.phone, o.body, o.source_key, o.attempts`;

const CASE_DATA = `
SELECT c.status, c.days_past_due, a.contract_no, a.balance_fen, a.principal_fen, a.interest_fen, a.penalty_fen,
  a.first_missed_due_date, d.name AS debtor_name, coalesce(nullif(p.creditor, ''), p.name) AS institution,
  p.time_zone, u.display_name AS collector_name, u.username AS collector_no,
  (SELECT json_build_object('amountFen', pr.amount_fen, 'dueDate', pr.due_date) FROM promises pr
   WHERE pr.case_id = c.id AND pr.status = 'pending' ORDER BY pr.due_date, pr.instalment_no LIMIT 1) AS promise
FROM cases c
JOIN accounts a ON a.id = c.account_id
JOIN debtors d ON d.id = c.debtor_id
JOIN portfolios p ON p.id = c.portfolio_id
LEFT JOIN users u ON u.id = c.assigned_collector_id
WHERE c.id = $1`;

const actor = systemActor('sms');

/** 'YYYY-MM-DD HH:mm' in a zone. */
function localStamp(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const detail = (zh: string, en: string) => `${zh}\n${en}`;

type Outcome =
  | { kind: 'sent'; providerId: string; attemptId: string; text: string }
  | { kind: 'blocked'; zh: string; en: string; attemptId: string | null }
  | { kind: 'deferred'; zh: string; en: string }
  | { kind: 'failed'; zh: string; en: string; attemptId: string | null; counted: boolean }
  | { kind: 'retrying'; zh: string; en: string; attemptId: string | null };

/** Writes a row's outcome (and completes or cancels its reservation) in one transaction. */
async function record(
  store: Store,
  row: Claimed,
  gateway: SmsGateway,
  outcome: Outcome,
  now: Date,
): Promise<void> {
  await store.transaction(async ({ db, sql }) => {
    switch (outcome.kind) {
      case 'sent': {
        const updated = await sql.query(
          `UPDATE sms_outbox SET status = 'sent', sent_at = $2, gateway = $3, contact_attempt_id = $4,
             attempts = attempts + 1, status_detail = $5
           WHERE id = $1 AND status = 'queued' RETURNING id`,
          [
            row.id,
            now,
            gateway.name,
            outcome.attemptId,
            detail(
              `已由 ${gateway.name} 发送，短信平台编号 ${outcome.providerId || '（未返回）'}`,
              `Sent via ${gateway.name}, provider id ${outcome.providerId || '(none given)'}`,
            ),
          ],
        );
        await sql.query(
          `UPDATE contact_attempts SET status = 'completed', completed_at = $2, note = $3
           WHERE id = $1 AND status = 'reserved'`,
          [outcome.attemptId, now, `短信 SMS: ${outcome.text}`],
        );
        if (updated.rows.length > 0) {
          await writeAudit(db, actor, {
            action: 'sms.sent',
            entityType: 'case',
            entityId: row.case_id,
            after: {
              outboxId: row.id,
              gateway: gateway.name,
              providerId: outcome.providerId,
              contactAttemptId: outcome.attemptId,
            },
          });
        }
        return;
      }
      case 'deferred':
        await sql.query(`UPDATE sms_outbox SET status_detail = $2 WHERE id = $1 AND status = 'queued'`, [
          row.id,
          detail(outcome.zh, outcome.en),
        ]);
        return;
      case 'retrying':
      case 'failed':
      case 'blocked': {
        if (outcome.attemptId) {
          await sql.query(
            `UPDATE contact_attempts SET status = 'cancelled', completed_at = $2 WHERE id = $1 AND status = 'reserved'`,
            [outcome.attemptId, now],
          );
        }
        const status = outcome.kind === 'retrying' ? 'queued' : outcome.kind;
        const counted = outcome.kind === 'retrying' || (outcome.kind === 'failed' && outcome.counted);
        const updated = await sql.query(
          `UPDATE sms_outbox SET status = $2, status_detail = $3, attempts = attempts + $4, gateway = coalesce($5, gateway),
             contact_attempt_id = coalesce($6, contact_attempt_id)
           WHERE id = $1 AND status = 'queued' RETURNING id`,
          [
            row.id,
            status,
            detail(outcome.zh, outcome.en),
            counted ? 1 : 0,
            counted ? gateway.name : null,
            outcome.attemptId,
          ],
        );
        if (updated.rows.length > 0 && outcome.kind !== 'retrying') {
          await writeAudit(db, actor, {
            action: outcome.kind === 'failed' ? 'sms.failed' : 'sms.blocked',
            entityType: 'case',
            entityId: row.case_id,
            after: { outboxId: row.id, detail: outcome.en },
          });
        }
        return;
      }
    }
  });
}

/** What to do with one claimed row: everything but the database writes. */
async function handle(
  store: Store,
  row: Claimed,
  gateway: SmsGateway,
  options: { now: Date; maxAttempts: number; serviceNumber: string | null },
): Promise<Outcome> {
  const { now } = options;
  const found = await store.sql.query<CaseData>(CASE_DATA, [row.case_id]);
  const kase = found.rows[0];
  if (kase?.status !== 'open') {
    return {
      kind: 'blocked',
      zh: '案件已结案，短信不再发送',
      en: 'The case is closed; the message is not sent',
      attemptId: null,
    };
  }
  const rendered = renderSms(
    row.body,
    mergeValues({
      institution: kase.institution,
      debtorName: kase.debtor_name,
      contractNo: kase.contract_no,
      balanceFen: Number(kase.balance_fen),
      principalFen: Number(kase.principal_fen),
      interestFen: Number(kase.interest_fen),
      penaltyFen: Number(kase.penalty_fen),
      dueDate: kase.first_missed_due_date,
      daysPastDue: kase.days_past_due,
      collectorName: kase.collector_name,
      collectorNo: kase.collector_no,
      serviceNumber: options.serviceNumber,
      promise: kase.promise
        ? { amountFen: Number(kase.promise.amountFen), dueDate: kase.promise.dueDate }
        : null,
      today: localDateOf(now, kase.time_zone),
    }),
  );
  if (!rendered.ok) {
    const fields = rendered.missing.map((m) => `{{${m}}}`).join('、');
    return {
      kind: 'failed',
      zh: `模板合并字段无值，未发送：${fields}`,
      en: `Merge fields without a value for this case, not sent: ${rendered.missing.map((m) => `{{${m}}}`).join(', ')}`,
      attemptId: null,
      counted: false,
    };
  }
  let reservation: Awaited<ReturnType<typeof reserveContact>>;
  try {
    reservation = await reserveContact(
      store,
      actor,
      { caseId: row.case_id, channel: 'sms', party: 'debtor', phone: row.phone, actorKind: 'dialer' },
      now,
    );
  } catch (error) {
    if (!isAppError(error)) throw error;
    return {
      kind: 'failed',
      zh: `联系闸门拒绝：${error.messageIn('zh-CN')}`,
      en: `Refused by the contact gate: ${error.messageIn('en')}`,
      attemptId: null,
      counted: false,
    };
  }
  if (!reservation.allowed) {
    const zh = reservation.reasons.map((r) => gateReasonText[r].zh).join('；');
    const en = reservation.reasons.map((r) => gateReasonText[r].en).join('; ');
    if (reservation.nextAllowedAt === null) {
      return {
        kind: 'blocked',
        zh: `联系闸门不允许发送：${zh}`,
        en: `The contact gate does not allow it: ${en}`,
        attemptId: null,
      };
    }
    const next = localStamp(reservation.nextAllowedAt, kase.time_zone);
    return {
      kind: 'deferred',
      zh: `暂不发送：${zh}；最早可发送时间 ${next}（${kase.time_zone}）`,
      en: `Held back: ${en}; earliest allowed ${next} (${kase.time_zone})`,
    };
  }
  const attemptId = reservation.attemptId as string;
  let result: Awaited<ReturnType<SmsGateway['send']>>;
  try {
    result = await gateway.send({ to: row.phone, body: rendered.text, reference: row.source_key });
  } catch (error) {
    result = { ok: false, retryable: true, detail: `gateway error: ${(error as Error).message}` };
  }
  if (result.ok) return { kind: 'sent', providerId: result.providerId, attemptId, text: rendered.text };
  const attempts = row.attempts + 1;
  if (result.retryable && attempts < options.maxAttempts) {
    return {
      kind: 'retrying',
      zh: `第 ${attempts} 次发送失败，稍后重试（共 ${options.maxAttempts} 次）：${result.detail}`,
      en: `Attempt ${attempts} failed; it will be retried (${options.maxAttempts} in all): ${result.detail}`,
      attemptId,
    };
  }
  return {
    kind: 'failed',
    zh: result.retryable
      ? `发送 ${attempts} 次均失败，不再重试：${result.detail}`
      : `短信网关拒绝该短信，不再重试：${result.detail}`,
    en: result.retryable
      ? `Failed ${attempts} times; not retried again: ${result.detail}`
      : `The gateway refused the message; not retried: ${result.detail}`,
    attemptId,
    counted: true,
  };
}

async function countQueued(store: Store): Promise<number> {
  const r = await store.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sms_outbox WHERE status = 'queued'`,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** One run of the dispatcher (see the module comment). */
export async function dispatchSms(store: Store, options: DispatchOptions): Promise<DispatchResult> {
  const { gateway, now } = options;
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid Date');
  const limit = options.limit ?? 100;
  const maxAttempts = options.maxAttempts ?? 3;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be >= 1: ${limit}`);
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be >= 1: ${maxAttempts}`);
  }
  const result: DispatchResult = {
    gatewayConfigured: gateway !== null,
    gateway: gateway?.name ?? null,
    processed: 0,
    sent: 0,
    blocked: 0,
    deferred: 0,
    retrying: 0,
    failed: 0,
    queued: 0,
    message: '',
    messageEn: '',
  };
  if (!gateway) {
    await store.sql.query(
      `UPDATE sms_outbox SET status_detail = $1 WHERE status = 'queued' AND status_detail IS DISTINCT FROM $1`,
      [NO_GATEWAY_DETAIL],
    );
    result.queued = await countQueued(store);
    result.message = `${NO_GATEWAY_DETAIL}（${result.queued} 条待发）`;
    result.messageEn = `${NO_GATEWAY_DETAIL_EN} (${result.queued} queued)`;
    return result;
  }
  const serviceNumber =
    options.serviceNumber === undefined
      ? process.env.QINGSHOU_SMS_SERVICE_NUMBER?.trim() || null
      : options.serviceNumber;
  while (result.processed < limit) {
    const claimed = await store.sql.query<Claimed>(CLAIM, [now, LEASE_MS]);
    const row = claimed.rows[0];
    if (!row) break;
    result.processed += 1;
    const outcome = await handle(store, row, gateway, { now, maxAttempts, serviceNumber });
    await record(store, row, gateway, outcome, now);
    result[outcome.kind] += 1;
  }
  result.queued = await countQueued(store);
  result.message = `已处理 ${result.processed} 条：发送 ${result.sent}，暂缓 ${result.deferred}，重试 ${result.retrying}，拦截 ${result.blocked}，失败 ${result.failed}；待发 ${result.queued} 条`;
  result.messageEn = `${result.processed} handled: ${result.sent} sent, ${result.deferred} held back, ${result.retrying} to retry, ${result.blocked} blocked, ${result.failed} failed; ${result.queued} queued`;
  return result;
}

/** A run asked for by a person (API): needs `sms.dispatch`. */
export async function dispatchSmsAs(
  store: Store,
  by: Actor,
  options: DispatchOptions,
): Promise<DispatchResult> {
  if (by.kind !== 'system' && (!by.role || !can(by.role, 'sms.dispatch'))) throw new AppError('FORBIDDEN');
  return dispatchSms(store, options);
}
