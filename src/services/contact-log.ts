/**
 * Logging a contact (通话小结): after a reserved attempt, the collector logs the action code, a note, the
 * follow-up form the code requires and, on a right-party contact, the reason the debtor gave. All or
 * nothing, in one transaction: the log is checked first (checkContactLog, the promise's own rules, the
 * callback time against the contact hours of the portfolio's profile), then the gate outcome mapped from
 * the action code is recorded once (recordContactOutcome: a second log of the same attempt is refused),
 * the code, note, form and stated reason are stored on the ledger row, the code's effects are applied,
 * and the log is audited. Any failure leaves nothing behind.
 *
 * The effects (ACTION_EFFECTS and the follow-up forms):
 * - promise: a promise to pay (createPromise);
 * - callback: a `callback` task for the collector at the time asked for, and the case's follow-up time
 *   (the queue serves due follow-ups first);
 * - complaint: a complaint (services/complaints), which freezes contact until a reviewer releases it;
 * - dispute: a dispute (the same freeze) and a `review` task for the team lead with the dispute type;
 * - payment claim (称已还款): a `review` task to verify the payment, and no contact pressure meanwhile
 *   (the case's follow-up and next contact are pushed out until the check is due);
 * - deceased reported: the case's deceased hold (the gate then refuses contact) and a `review` task for
 *   the team lead with who reported it;
 * - invalid number / wrong party: the number is marked invalid (debtor_phones.validity, or the third
 *   party's contacts.phone_validity), so the queue and the contact panel stop offering it and, when no
 *   valid number is left, the gate treats the debtor as unreachable. The schema has no value for "wrong
 *   party": both are stored as `invalid`; which one it was is the action code on the ledger row.
 * - third party refused: the ledger row's outcome `refused` ends all contact with that third party
 *   (the gate counts it); `contactTargets` shows it.
 * A right-party contact also serves a due follow-up: the case's follow-up time moves to the next open
 * callback or promise follow-up, or is cleared.
 */
import {
  type ContactHistoryEntry,
  type ContactOutcome,
  contactRules,
  decideContact,
} from '../compliance/gate';
import { gateReasonText } from '../compliance/gate-reasons';
import { formatMinute } from '../compliance/profiles/overrides';
import type { ContactProfile } from '../compliance/profiles/types';
import {
  type ActionCode,
  type ActionCodeDefinition,
  checkContactLog,
  type DisputeType,
  disputeTypeLabel,
  type FollowUpData,
  type FollowUpForm,
  isRightPartyContact,
  type PaymentChannel as LogPaymentChannel,
} from '../domain/action-codes';
import type { BilingualText } from '../domain/bilingual';
import { nextContactAfterCall } from '../domain/contact-cadence';
import { localDateOf } from '../domain/dates';
import { isStatedReason, type StatedReason } from '../domain/delinquency-class';
import { maskPhone } from '../domain/masking';
import { can } from '../domain/roles';
import { AppError } from '../errors';
import type { Store, TxContext } from '../store/db';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { storeAssessments } from './case-assessment';
import { caseScopeSql } from './case-scope';
import { assertCaseReader } from './cases';
import { COMPLAINT_CHANNELS, type ComplaintChannel, raiseComplaint } from './complaints';
import { recordContactOutcome } from './contact-gate';
import { HISTORY_MS } from './contact-history';
import { effectiveProfile } from './house-rules';
import { isUuid } from './ids';
import {
  createPromise,
  MAX_PROMISE_DAYS,
  PROMISE_CHANNELS,
  type PromiseChannel,
  type PromiseView,
} from './promises';

/** How far ahead a callback may be asked for; later is a plan, not a callback. */
export const MAX_CALLBACK_DAYS = 30;
/** A review task (dispute, payment claim, death report) is due this long after the log. */
const REVIEW_DUE_MS = 86_400_000;
/** While a claimed payment is checked, no contact pressure for this long. */
export const PAYMENT_CHECK_MS = 3 * 86_400_000;

/** The follow-up form as the API takes it (contract-followup FollowUpBody). */
export type FollowUpInput =
  | { form: 'promise'; amountFen: number; dueDate: string; channel: PromiseChannel }
  | { form: 'callback'; callbackAt: string }
  | { form: 'complaint'; channel: ComplaintChannel; description: string }
  | { form: 'dispute'; disputeType: DisputeType; description: string }
  | {
      form: 'payment_claim';
      amountFen: number;
      paidOn: string;
      channel: LogPaymentChannel;
      reference?: string | null;
    }
  | { form: 'deceased_report'; reportedBy: string; relation?: string | null; summary: string }
  | { form: 'hardship'; summary: string };

export interface ContactLogRequest {
  attemptId: string;
  actionCode: string;
  note?: string | null;
  /** A promise to pay (the older way to send the promise form; `followUp` with form 'promise' is the same). */
  promise?: { amountFen: number; dueDate: string; channel: PromiseChannel } | null;
  followUp?: FollowUpInput | null;
  /** On a right-party contact: the reason the debtor gave (STATED_REASONS). */
  statedReason?: string | null;
}

export type ContactLogEffectKind =
  | 'promise_taken'
  | 'callback_task'
  | 'complaint_freeze'
  | 'dispute_review'
  | 'payment_verification'
  | 'deceased_hold'
  | 'hardship_recorded'
  | 'phone_invalid'
  | 'phone_wrong_party'
  | 'third_party_no_contact'
  | 'stated_reason';

export interface ContactLogEffect {
  kind: ContactLogEffectKind;
  taskId?: string;
  complaintId?: string;
  at?: string;
  target?: string;
  statedReason?: string;
}

export interface ContactLogResult {
  attemptId: string;
  actionCode: ActionCode;
  outcome: string;
  promise: PromiseView | null;
  statedReason: StatedReason | null;
  effects: ContactLogEffect[];
}

/** A problem with a contact log: the field concerned, a stable code and the reason in both languages. */
export interface ContactLogProblemView {
  field: string;
  code: string;
  text: BilingualText;
}

/** The promise service's channels in the action-code catalogue's words (a counter is a bank counter). */
const LOG_CHANNEL: Record<PromiseChannel, LogPaymentChannel> = {
  app: 'app',
  bank_transfer: 'bank_transfer',
  counter: 'bank_counter',
  auto_debit: 'auto_debit',
};

/** Where a dispute raised on a contact came in, by the contact's channel. */
const COMPLAINT_CHANNEL_OF: Record<string, ComplaintChannel> = {
  call: 'phone',
  sms: 'other',
  visit: 'visit',
  letter: 'letter',
  email: 'email',
};

/** A store whose every query runs in the given transaction, so services compose into one commit. */
function inTransaction(store: Store, tx: TxContext): Store {
  return {
    ...store,
    db: tx.db,
    sql: tx.sql,
    transaction: (fn) => fn(tx),
    onConnection: (fn) => fn(tx),
  };
}

interface AttemptRow {
  id: string;
  case_id: string;
  party: 'debtor' | 'third_party';
  channel: string;
  phone: string | null;
  person_id: string;
  debtor_id: string;
  status: string;
  actor_id: string | null;
  time_zone: string;
  compliance_profile: string;
  house_overrides: unknown;
  team_id: string | null;
  deceased: boolean;
  stated_reason: string | null;
  contact_name: string | null;
}

const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The follow-up form in the catalogue's words (for checkContactLog), with the problems found on the way. */
interface Prepared {
  /** What checkContactLog checks; null when there is no form. */
  data: FollowUpData | null;
  /** What is stored on the ledger row (normalised: trimmed texts, the callback time as ISO). */
  stored: Record<string, unknown> | null;
  /** Form fields named as the API names them, for the catalogue's field names. */
  rename: Record<string, string>;
}

function problemOf(field: string, code: string, zh: string, en: string): ContactLogProblemView {
  return { field, code, text: { zh, en } };
}

function prepareFollowUp(input: FollowUpInput | null, problems: ContactLogProblemView[]): Prepared {
  if (input === null) return { data: null, stored: null, rename: {} };
  const tooLong = (field: string, value: string, max: number) => {
    if (value.length > max)
      problems.push(
        problemOf(field, 'text_too_long', `不能超过 ${max} 个字`, `must be at most ${max} characters`),
      );
  };
  switch (input.form) {
    case 'promise': {
      if (!(PROMISE_CHANNELS as readonly unknown[]).includes(input.channel)) {
        problems.push(
          problemOf(
            'followUp.channel',
            'channel_unknown',
            '须为官方还款渠道：APP、银行转账、柜台或自动扣款',
            'must be an official channel: app, bank transfer, counter or auto-debit',
          ),
        );
      }
      return {
        data: {
          form: 'promise',
          amountFen: input.amountFen,
          dueDate: input.dueDate,
          channel: LOG_CHANNEL[input.channel] ?? (input.channel as unknown as LogPaymentChannel),
        },
        stored: {
          form: 'promise',
          amountFen: input.amountFen,
          dueDate: input.dueDate,
          channel: input.channel,
        },
        rename: {},
      };
    }
    case 'callback': {
      const raw = trimmed(input.callbackAt);
      const at = new Date(raw);
      if (raw === '' || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(raw) || Number.isNaN(at.getTime())) {
        problems.push(
          problemOf(
            'followUp.callbackAt',
            'callback_time_invalid',
            '回电时间须为带时区的时间，如 2026-11-26T10:00:00+08:00',
            'the callback time must be a moment with its offset, e.g. 2026-11-26T10:00:00+08:00',
          ),
        );
      }
      return {
        data: { form: 'callback', callbackAt: at },
        stored: { form: 'callback', callbackAt: Number.isNaN(at.getTime()) ? raw : at.toISOString() },
        rename: {},
      };
    }
    case 'complaint': {
      if (!(COMPLAINT_CHANNELS as readonly unknown[]).includes(input.channel)) {
        problems.push(
          problemOf(
            'followUp.channel',
            'complaint_channel_unknown',
            `投诉渠道须为 ${COMPLAINT_CHANNELS.join('/')}`,
            `the complaint channel must be one of ${COMPLAINT_CHANNELS.join(', ')}`,
          ),
        );
      }
      const description = trimmed(input.description);
      tooLong('followUp.description', description, 2000);
      return {
        data: { form: 'complaint', summary: description },
        stored: { form: 'complaint', channel: input.channel, description },
        rename: { 'followUp.summary': 'followUp.description' },
      };
    }
    case 'dispute': {
      const description = trimmed(input.description);
      tooLong('followUp.description', description, 2000);
      return {
        data: { form: 'dispute', disputeType: input.disputeType, summary: description },
        stored: { form: 'dispute', disputeType: input.disputeType, description },
        rename: { 'followUp.summary': 'followUp.description' },
      };
    }
    case 'payment_claim': {
      const reference = trimmed(input.reference) || null;
      if (reference) tooLong('followUp.reference', reference, 100);
      return {
        data: {
          form: 'payment_claim',
          amountFen: input.amountFen,
          paidOn: input.paidOn,
          channel: input.channel,
          ...(reference ? { reference } : {}),
        },
        stored: {
          form: 'payment_claim',
          amountFen: input.amountFen,
          paidOn: input.paidOn,
          channel: input.channel,
          reference,
        },
        rename: {},
      };
    }
    case 'deceased_report': {
      const reportedBy = trimmed(input.reportedBy);
      const relation = trimmed(input.relation) || null;
      const summary = trimmed(input.summary);
      tooLong('followUp.reportedBy', reportedBy, 100);
      if (relation) tooLong('followUp.relation', relation, 50);
      tooLong('followUp.summary', summary, 2000);
      return {
        data: { form: 'deceased_report', reportedBy, summary },
        stored: { form: 'deceased_report', reportedBy, relation, summary },
        rename: {},
      };
    }
    case 'hardship': {
      const summary = trimmed(input.summary);
      tooLong('followUp.summary', summary, 2000);
      return { data: { form: 'hardship', summary }, stored: { form: 'hardship', summary }, rename: {} };
    }
    default: {
      const form = (input as { form?: unknown }).form;
      problems.push(
        problemOf(
          'followUp.form',
          'follow_up_wrong_form',
          `未知的后续表单 ${String(form)}`,
          `unknown follow-up form ${String(form)}`,
        ),
      );
      return { data: null, stored: null, rename: {} };
    }
  }
}

/** Whether the profile's contact window (hours and, where the profile says so, holidays) allows a call at `at`. */
function callbackWithinHours(
  profile: ContactProfile,
  at: Date,
  timeZone: string,
  party: 'debtor' | 'third_party',
): boolean {
  const hours = contactRules.find((rule) => rule.reason === 'outside_hours');
  if (!hours) return true;
  const verdict = hours.check(
    { profile, now: at, timeZone, channel: 'call', party, personId: 'callback', debtId: 'callback' },
    at,
  );
  return !verdict.blocked;
}

function validationFailed(problems: ContactLogProblemView[]): AppError {
  const first = problems[0];
  const field = first?.field ?? 'actionCode';
  return new AppError(
    'VALIDATION_FAILED',
    {
      field,
      reason: problems.map((p) => p.text.zh).join('；'),
      reasonEn: problems.map((p) => p.text.en).join('; '),
    },
    { field, problems },
  );
}

/** Everything the log needs to know checked, every problem named by its field; the code's definition. */
function checkLog(
  request: ContactLogRequest,
  attempt: AttemptRow,
  now: Date,
): {
  definition: ActionCodeDefinition;
  prepared: Prepared;
  statedReason: StatedReason | null;
  callbackAt: Date | null;
} {
  const problems: ContactLogProblemView[] = [];
  if (request.promise && request.followUp) {
    problems.push(
      problemOf(
        'followUp',
        'follow_up_twice',
        '承诺只能填写一次（promise 或 followUp 之一）',
        'send the promise once: as promise or as followUp, not both',
      ),
    );
  }
  const input: FollowUpInput | null =
    request.followUp ?? (request.promise ? { form: 'promise', ...request.promise } : null);
  const prepared = prepareFollowUp(input, problems);
  const checked = checkContactLog(
    {
      code: request.actionCode,
      party: attempt.party,
      contactedAt: now,
      timeZone: attempt.time_zone,
      followUp: prepared.data,
    },
    { maxPromiseDays: MAX_PROMISE_DAYS },
  );
  if (!checked.ok) {
    const named = new Set(problems.map((p) => p.field));
    for (const p of checked.problems) {
      const field = prepared.rename[p.field] ?? p.field;
      if (!named.has(field)) problems.push({ field, code: p.code, text: p.text });
    }
    throw validationFailed(problems);
  }
  const definition = checked.definition;
  const named = new Set(problems.map((p) => p.field));

  let callbackAt: Date | null = null;
  if (prepared.data?.form === 'callback' && !named.has('followUp.callbackAt')) {
    callbackAt = prepared.data.callbackAt;
    const profile = effectiveProfile(attempt.compliance_profile, attempt.house_overrides);
    const window = profile.hours.value;
    if (callbackAt.getTime() > now.getTime() + MAX_CALLBACK_DAYS * 86_400_000) {
      problems.push(
        problemOf(
          'followUp.callbackAt',
          'callback_too_far',
          `回电时间不能晚于 ${MAX_CALLBACK_DAYS} 天后`,
          `a callback may be at most ${MAX_CALLBACK_DAYS} days ahead`,
        ),
      );
    } else if (!callbackWithinHours(profile, callbackAt, attempt.time_zone, attempt.party)) {
      const from = formatMinute(window.startMinute);
      const to = formatMinute(window.endMinute);
      const holidays = profile.noContactOnStatutoryHolidays?.value === true;
      problems.push(
        problemOf(
          'followUp.callbackAt',
          'callback_outside_hours',
          `回电时间须在允许的联系时段内（对方当地时间 ${from}–${to}${holidays ? '，法定节假日不联系' : ''}）`,
          `the callback time must be within the contact hours (${from}–${to} local time${holidays ? ', no contact on statutory holidays' : ''})`,
        ),
      );
    }
  }

  if ((definition.code === 'invalid_number' || definition.code === 'wrong_party') && attempt.phone === null) {
    problems.push(
      problemOf(
        'actionCode',
        'no_number_to_mark',
        '本次联系没有号码，无法标记号码状态',
        'this contact has no number to mark',
      ),
    );
  }

  let statedReason: StatedReason | null = null;
  const reason = trimmed(request.statedReason);
  if (reason !== '') {
    if (!isStatedReason(reason)) {
      problems.push(
        problemOf('statedReason', 'stated_reason_unknown', '未知的未还款原因', 'unknown stated reason'),
      );
    } else if (!isRightPartyContact(definition.code, attempt.party)) {
      problems.push(
        problemOf(
          'statedReason',
          'stated_reason_not_right_party',
          '只有联系到本人时才能记录本人陈述的原因',
          'a stated reason is only recorded when the debtor was reached',
        ),
      );
    } else {
      statedReason = reason;
    }
  }
  if (
    prepared.data?.form === 'complaint' &&
    !named.has('followUp.description') &&
    prepared.data.summary.length < 2
  ) {
    problems.push(
      problemOf(
        'followUp.description',
        'summary_too_short',
        '投诉内容至少 2 个字',
        'describe the complaint in at least 2 characters',
      ),
    );
  }
  if (problems.length > 0) throw validationFailed(problems);
  return { definition, prepared, statedReason, callbackAt };
}

export async function logContact(
  store: Store,
  actor: Actor,
  caseId: string,
  request: ContactLogRequest,
  now: Date,
): Promise<ContactLogResult> {
  if (actor.kind !== 'user' || !actor.role || !can(actor.role, 'contacts.create')) {
    throw new AppError('FORBIDDEN');
  }
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  if (!isUuid(request.attemptId)) throw new AppError('NOT_FOUND');
  const scope = caseScopeSql(actor, 'c', 3);
  return store.transaction(async (tx) => {
    const found = await tx.sql.query<AttemptRow>(
      `SELECT a.id, a.case_id, a.party, a.channel, a.phone, a.person_id, a.debtor_id, a.status, a.actor_id,
         p.time_zone, p.compliance_profile, p.house_overrides, c.team_id, c.deceased, c.stated_reason,
         ct.name AS contact_name
       FROM contact_attempts a JOIN cases c ON c.id = a.case_id JOIN portfolios p ON p.id = c.portfolio_id
         LEFT JOIN contacts ct ON ct.id = a.person_id AND a.party = 'third_party'
       WHERE a.id = $1::uuid AND a.case_id = $2::uuid AND ${scope.sql}
       FOR UPDATE OF a`,
      [request.attemptId, caseId, ...scope.params],
    );
    const attempt = found.rows[0];
    if (!attempt || attempt.actor_id !== actor.userId) throw new AppError('NOT_FOUND');
    if (attempt.status !== 'reserved') {
      throw validationFailed([
        problemOf(
          'attemptId',
          'already_logged',
          '该次联系已记录结果，不能重复记录',
          'this contact attempt already has its outcome; it is logged once',
        ),
      ]);
    }
    const { definition, prepared, statedReason, callbackAt } = checkLog(request, attempt, now);
    const code = definition.code;
    const outcome: ContactOutcome = definition.gateOutcome;
    const txStore = inTransaction(store, tx);
    const effects: ContactLogEffect[] = [];
    const form: FollowUpForm | null = prepared.data?.form ?? null;
    const stored = prepared.stored;

    // The services that may refuse first (the case is closed, the promise exceeds the balance, ...):
    // a refusal leaves nothing.
    let promise: PromiseView | null = null;
    if (stored && form === 'promise') {
      promise = await createPromise(
        txStore,
        actor,
        caseId,
        {
          amountFen: stored.amountFen as number,
          dueDate: stored.dueDate as string,
          channel: stored.channel as PromiseChannel,
          contactAttemptId: request.attemptId,
        },
        now,
      );
      effects.push({ kind: 'promise_taken' });
    }
    let complaintId: string | null = null;
    if (stored && (form === 'complaint' || form === 'dispute')) {
      const description =
        form === 'dispute'
          ? `${disputeTypeLabel(stored.disputeType as DisputeType).zh}：${stored.description as string}`
          : (stored.description as string);
      const complaint = await raiseComplaint(
        txStore,
        actor,
        caseId,
        {
          kind: form,
          channel:
            form === 'complaint'
              ? (stored.channel as ComplaintChannel)
              : (COMPLAINT_CHANNEL_OF[attempt.channel] ?? 'other'),
          description,
        },
        now,
      );
      complaintId = complaint.id;
      stored.complaintId = complaintId;
    }

    await recordContactOutcome(txStore, actor, request.attemptId, outcome, now);
    const note = request.note?.trim() || null;
    await tx.sql.query(
      `UPDATE contact_attempts SET action_code = $2, note = $3, follow_up = $4::jsonb, stated_reason = $5
       WHERE id = $1::uuid`,
      [request.attemptId, code, note, stored ? JSON.stringify(stored) : null, statedReason],
    );

    // Tasks: the collector's callback, and the team lead's reviews (a team task without a person; when
    // the case has no team, the collector's own).
    const addTask = async (
      kind: 'callback' | 'review',
      dueAt: Date,
      toTeam: boolean,
      payload: Record<string, unknown>,
    ): Promise<string> => {
      const inserted = await tx.sql.query<{ id: string }>(
        `INSERT INTO tasks (case_id, kind, due_at, assigned_user_id, team_id, payload, source_key, created_at)
         VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb, $7, $8) RETURNING id`,
        [
          caseId,
          kind,
          dueAt,
          toTeam && attempt.team_id ? null : actor.userId,
          attempt.team_id,
          JSON.stringify({
            attemptId: request.attemptId,
            actionCode: code,
            loggedBy: actor.displayName,
            ...payload,
          }),
          `contact:${request.attemptId}:${kind}`,
          now,
        ],
      );
      return (inserted.rows[0] as { id: string }).id;
    };
    const target = attempt.party === 'third_party' ? (attempt.contact_name ?? '') : null;
    const maskedPhone = attempt.phone ? maskPhone(attempt.phone) : null;

    if (complaintId && form === 'complaint') effects.push({ kind: 'complaint_freeze', complaintId });
    if (complaintId && form === 'dispute' && stored) {
      const taskId = await addTask('review', new Date(now.getTime() + REVIEW_DUE_MS), true, {
        review: 'dispute',
        complaintId,
        disputeType: stored.disputeType,
        description: stored.description,
      });
      effects.push({ kind: 'dispute_review', complaintId, taskId });
      effects.push({ kind: 'complaint_freeze', complaintId });
    }
    if (callbackAt && stored) {
      const taskId = await addTask('callback', callbackAt, false, {
        party: attempt.party,
        ...(attempt.party === 'third_party' ? { contactId: attempt.person_id, contactName: target } : {}),
        ...(maskedPhone ? { phone: maskedPhone } : {}),
        note,
      });
      effects.push({ kind: 'callback_task', taskId, at: callbackAt.toISOString() });
    }
    let holdUntil: Date | null = null;
    if (form === 'payment_claim' && stored) {
      holdUntil = new Date(now.getTime() + PAYMENT_CHECK_MS);
      const taskId = await addTask('review', new Date(now.getTime() + REVIEW_DUE_MS), true, {
        review: 'payment_claim',
        amountFen: stored.amountFen,
        paidOn: stored.paidOn,
        channel: stored.channel,
        reference: stored.reference,
        holdUntil: holdUntil.toISOString(),
      });
      effects.push({ kind: 'payment_verification', taskId, at: holdUntil.toISOString() });
    }
    if (form === 'deceased_report' && stored) {
      if (!attempt.deceased) {
        await tx.sql.query('UPDATE cases SET deceased = TRUE, updated_at = $2 WHERE id = $1::uuid', [
          caseId,
          now,
        ]);
        await writeAudit(tx.db, actor, {
          action: 'case.hold',
          entityType: 'case',
          entityId: caseId,
          before: { deceased: false },
          after: { deceased: true, because: 'deceased_reported', attemptId: request.attemptId },
        });
      }
      const taskId = await addTask('review', new Date(now.getTime() + REVIEW_DUE_MS), true, {
        review: 'deceased',
        reportedBy: stored.reportedBy,
        relation: stored.relation,
        summary: stored.summary,
        party: attempt.party,
      });
      effects.push({ kind: 'deceased_hold', taskId });
    }
    if (form === 'hardship') effects.push({ kind: 'hardship_recorded' });

    if ((code === 'invalid_number' || code === 'wrong_party') && attempt.phone) {
      const marked =
        attempt.party === 'debtor'
          ? await tx.sql.query<{ id: string; before: string }>(
              `UPDATE debtor_phones x SET validity = 'invalid', updated_at = $3
               FROM (SELECT id, validity FROM debtor_phones WHERE debtor_id = $1::uuid AND number = $2 FOR UPDATE) o
               WHERE x.id = o.id RETURNING x.id, o.validity AS before`,
              [attempt.debtor_id, attempt.phone, now],
            )
          : await tx.sql.query<{ id: string; before: string }>(
              `UPDATE contacts x SET phone_validity = 'invalid', updated_at = $3
               FROM (SELECT id, phone_validity FROM contacts WHERE id = $1::uuid AND phone = $2 FOR UPDATE) o
               WHERE x.id = o.id RETURNING x.id, o.phone_validity AS before`,
              [attempt.person_id, attempt.phone, now],
            );
      for (const row of marked.rows) {
        await writeAudit(tx.db, actor, {
          action: 'phone.mark',
          entityType: attempt.party === 'debtor' ? 'debtor_phone' : 'contact',
          entityId: row.id,
          before: { validity: row.before },
          after: { validity: 'invalid', because: code, attemptId: request.attemptId, caseId },
        });
      }
      effects.push({
        kind: code === 'invalid_number' ? 'phone_invalid' : 'phone_wrong_party',
        ...(maskedPhone ? { target: maskedPhone } : {}),
      });
    }
    if (definition.effects.includes('third_party_no_contact')) {
      effects.push({ kind: 'third_party_no_contact', ...(target ? { target } : {}) });
    }

    if (statedReason && statedReason !== attempt.stated_reason) {
      await tx.sql.query('UPDATE cases SET stated_reason = $2, updated_at = $3 WHERE id = $1::uuid', [
        caseId,
        statedReason,
        now,
      ]);
      await writeAudit(tx.db, actor, {
        action: 'case.stated_reason',
        entityType: 'case',
        entityId: caseId,
        before: { statedReason: attempt.stated_reason },
        after: { statedReason, attemptId: request.attemptId },
      });
    }
    if (statedReason) effects.push({ kind: 'stated_reason', statedReason });

    // The case's follow-up: a right-party contact serves a due one; a callback sets one; a claimed
    // payment holds contact off while it is checked. Its next-contact time: the plan's call cadence,
    // no calls before a promise just taken falls due, the hold (domain/contact-cadence).
    const served = isRightPartyContact(code, attempt.party);
    {
      const kase = await tx.sql.query<{
        follow_up_at: Date | null;
        next_contact_at: Date | null;
        next_task: Date | null;
        call_every_days: number | null;
      }>(
        `SELECT c.follow_up_at, c.next_contact_at,
           (SELECT min(t.due_at) FROM tasks t WHERE t.case_id = c.id AND t.status = 'open'
              AND t.kind IN ('callback', 'promise_follow_up') AND t.due_at > $2) AS next_task,
           (SELECT CASE WHEN seg->'plan'->'channels' ? 'call' THEN (seg->'plan'->>'callEveryDays')::int END
              FROM strategies st, jsonb_array_elements(st.definition->'segments') seg
              WHERE st.portfolio_id = c.portfolio_id AND st.version = c.strategy_version
                AND seg->>'key' = c.segment_key) AS call_every_days
         FROM cases c WHERE c.id = $1::uuid FOR UPDATE`,
        [caseId, now],
      );
      const row = kase.rows[0];
      if (row) {
        const time = (d: Date | null) => (d === null ? null : new Date(d).getTime());
        let followUp = time(row.follow_up_at);
        if (served && followUp !== null && followUp <= now.getTime()) followUp = time(row.next_task);
        if (callbackAt)
          followUp = followUp === null ? callbackAt.getTime() : Math.min(followUp, callbackAt.getTime());
        if (holdUntil && followUp !== null && followUp < holdUntil.getTime()) followUp = holdUntil.getTime();
        const nextContactAt =
          attempt.channel === 'call'
            ? nextContactAfterCall({
                now,
                current:
                  row.next_contact_at !== null && new Date(row.next_contact_at) > now
                    ? new Date(row.next_contact_at)
                    : null,
                callEveryDays: row.call_every_days,
                promiseDueDate: promise?.dueDate ?? null,
                timeZone: attempt.time_zone,
                followUpAt: followUp === null ? null : new Date(followUp),
                holdUntil,
              })
            : holdUntil && holdUntil > now
              ? holdUntil
              : row.next_contact_at;
        const nextContact = time(nextContactAt);
        if (followUp !== time(row.follow_up_at) || nextContact !== time(row.next_contact_at)) {
          await tx.sql.query(
            'UPDATE cases SET follow_up_at = $2, next_contact_at = $3, updated_at = $4 WHERE id = $1::uuid',
            [
              caseId,
              followUp === null ? null : new Date(followUp),
              nextContact === null ? null : new Date(nextContact),
              now,
            ],
          );
        }
      }
    }

    // What was said and promised changes the class and the priority: the case is assessed again now.
    await storeAssessments(tx.sql, [caseId], localDateOf(now, attempt.time_zone), now);
    await writeAudit(tx.db, actor, {
      action: 'contact.log',
      entityType: 'case',
      entityId: caseId,
      after: {
        attemptId: request.attemptId,
        actionCode: code,
        outcome,
        note,
        promiseId: promise?.id ?? null,
        followUp: stored,
        statedReason,
        effects,
      },
    });
    return { attemptId: request.attemptId, actionCode: code, outcome, promise, statedReason, effects };
  });
}

// ——— the people and numbers of a case, for the contact panel ———

export interface GateStateView {
  allowed: boolean;
  reasons: string[];
  messages: { code: string; zh: string; en: string }[];
  nextAllowedAt: string | null;
}

export interface ContactTargets {
  caseId: string;
  phones: {
    phoneId: string;
    masked: string;
    validity: string;
    mark: 'invalid_number' | 'wrong_party' | null;
    markedAt: string | null;
  }[];
  thirdParties: {
    contactId: string;
    name: string;
    relation: string;
    debtRelated: boolean;
    phone: string | null;
    phoneValidity: string;
    refused: boolean;
    refusedAt: string | null;
    call: GateStateView | null;
  }[];
}

/**
 * The debtor's numbers with what a contact log marked them as (空号 / 非本人), and the third parties with
 * whether they refused (never contacted again) and the gate's answer for calling them now (reserving
 * nothing: dialling still reserves through the gate).
 */
export async function contactTargets(
  store: Store,
  actor: Actor,
  caseId: string,
  now: Date,
): Promise<ContactTargets> {
  assertCaseReader(actor);
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  const scope = caseScopeSql(actor, 'c', 2);
  const found = await store.sql.query<{
    id: string;
    account_id: string;
    debtor_id: string;
    cease: boolean;
    legal_hold: boolean;
    complaint_freeze: boolean;
    deceased: boolean;
    compliance_profile: string;
    house_overrides: unknown;
    time_zone: string;
  }>(
    `SELECT c.id, c.account_id, c.debtor_id, c.cease, c.legal_hold, c.complaint_freeze, c.deceased,
       p.compliance_profile, p.house_overrides, p.time_zone
     FROM cases c JOIN portfolios p ON p.id = c.portfolio_id WHERE c.id = $1::uuid AND ${scope.sql}`,
    [caseId, ...scope.params],
  );
  const kase = found.rows[0];
  if (!kase) throw new AppError('CASE_NOT_FOUND');
  const [phones, contacts] = await Promise.all([
    store.sql.query<{
      id: string;
      number: string;
      validity: string;
      mark: string | null;
      marked_at: Date | null;
    }>(
      `SELECT ph.id, ph.number, ph.validity, m.action_code AS mark, m.at AS marked_at
       FROM debtor_phones ph
       LEFT JOIN LATERAL (
         SELECT a.action_code, a.at FROM contact_attempts a
         WHERE a.phone = ph.number AND a.party = 'debtor' AND a.debtor_id = ph.debtor_id
           AND a.action_code IN ('invalid_number', 'wrong_party')
         ORDER BY a.at DESC LIMIT 1) m ON ph.validity = 'invalid'
       WHERE ph.debtor_id = $1::uuid
       ORDER BY (ph.validity = 'invalid'), ph.created_at, ph.number`,
      [kase.debtor_id],
    ),
    store.sql.query<{
      id: string;
      name: string;
      relation: string;
      debt_related: boolean;
      phone: string | null;
      phone_validity: string;
      refused_at: Date | null;
    }>(
      `SELECT ct.id, ct.name, ct.relation, ct.debt_related, ct.phone, ct.phone_validity,
         (SELECT min(a.at) FROM contact_attempts a WHERE a.person_id = ct.id AND a.party = 'third_party'
            AND a.outcome = 'refused' AND a.status = 'completed') AS refused_at
       FROM contacts ct WHERE ct.debtor_id = $1::uuid
       ORDER BY ct.debt_related DESC, ct.created_at, ct.name`,
      [kase.debtor_id],
    ),
  ]);

  // The gate's history for third-party calls, read as the gate reads it: every earlier contact with
  // these third parties, and the last eight days of the debtor's debt and of the numbers.
  const contactIds = contacts.rows.map((c) => c.id);
  const numbers = contacts.rows.map((c) => c.phone).filter((p): p is string => p !== null);
  const history = await store.sql.query<{
    at: Date;
    channel: ContactHistoryEntry['channel'];
    party: ContactHistoryEntry['party'];
    person_id: string;
    account_id: string;
    phone: string | null;
    outcome: ContactOutcome | null;
  }>(
    `SELECT a.at, a.channel, a.party, a.person_id, a.account_id, a.phone, a.outcome FROM contact_attempts a
     WHERE a.status <> 'cancelled' AND a.at <= $4 AND (
       (a.person_id = ANY($1::uuid[]) AND a.party = 'third_party')
       OR (a.person_id = ANY($1::uuid[]) AND a.at > $5)
       OR (a.phone = ANY($2::text[]) AND a.at > $5)
       OR (a.account_id = $3::uuid AND a.party = 'debtor' AND a.at > $5))`,
    [contactIds, numbers, kase.account_id, now, new Date(now.getTime() - HISTORY_MS)],
  );
  const entries: ContactHistoryEntry[] = history.rows.map((h) => ({
    at: new Date(h.at),
    channel: h.channel,
    party: h.party,
    personId: h.person_id,
    debtId: h.account_id,
    ...(h.phone ? { phone: h.phone } : {}),
    ...(h.outcome ? { outcome: h.outcome } : {}),
  }));
  const profile = effectiveProfile(kase.compliance_profile, kase.house_overrides);
  const validPhones = phones.rows.filter((p) => p.validity !== 'invalid').length;
  const flags = {
    cease: kase.cease || kase.deceased,
    legalHold: kase.legal_hold,
    complaintFreeze: kase.complaint_freeze,
    debtorUnreachable: phones.rows.length > 0 && validPhones === 0,
  };
  return {
    caseId: kase.id,
    phones: phones.rows.map((p) => ({
      phoneId: p.id,
      masked: maskPhone(p.number),
      validity: p.validity,
      mark: p.mark === 'invalid_number' || p.mark === 'wrong_party' ? p.mark : null,
      markedAt: p.marked_at ? new Date(p.marked_at).toISOString() : null,
    })),
    thirdParties: contacts.rows.map((c) => {
      let call: GateStateView | null = null;
      if (c.phone && c.phone_validity !== 'invalid') {
        const decision = decideContact({
          profile,
          now,
          timeZone: kase.time_zone,
          channel: 'call',
          party: 'third_party',
          personId: c.id,
          debtId: kase.account_id,
          phone: c.phone,
          history: entries,
          flags,
        });
        call = {
          allowed: decision.allowed,
          reasons: decision.reasons,
          messages: decision.reasons.map((r) => ({ code: r, ...gateReasonText[r] })),
          nextAllowedAt: decision.nextAllowedAt?.toISOString() ?? null,
        };
      }
      return {
        contactId: c.id,
        name: c.name,
        relation: c.relation,
        debtRelated: c.debt_related,
        phone: c.phone ? maskPhone(c.phone) : null,
        phoneValidity: c.phone_validity,
        refused: c.refused_at !== null,
        refusedAt: c.refused_at ? new Date(c.refused_at).toISOString() : null,
        call,
      };
    }),
  };
}
