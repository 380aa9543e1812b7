/**
 * The HTTP contract of the contact-log follow-up forms, the collector's day (tasks and promises due),
 * the contact targets of a case (phones marked by a contact log, third parties and whether they may
 * still be contacted) and the team lead's listening list. Zod schemas the server validates with; the
 * web client imports their types. Amounts are integer fen, dates 'YYYY-MM-DD', moments ISO-8601.
 */
import { z } from 'zod';
import { DISPUTE_TYPES, PAYMENT_CHANNELS } from '../domain/action-codes';
import { STATED_REASONS } from '../domain/delinquency-class';

const text = (max: number) => z.string().max(max);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** Where a complaint came in (services/complaints COMPLAINT_CHANNELS). */
export const FOLLOW_UP_COMPLAINT_CHANNELS = [
  'phone',
  'regulator',
  'letter',
  'email',
  'visit',
  'app',
  'other',
] as const;

/** The promise channels of services/promises (official channels only). */
export const FOLLOW_UP_PROMISE_CHANNELS = ['app', 'bank_transfer', 'counter', 'auto_debit'] as const;

/**
 * The follow-up form of a contact log, one shape per form (the action code says which one it needs).
 * Fields are checked again by the service, which names the field of every problem
 * (e.g. `followUp.callbackAt`).
 */
export const FollowUpBody = z.discriminatedUnion('form', [
  z.object({
    form: z.literal('promise'),
    amountFen: z.number().int().positive(),
    dueDate: date,
    channel: z.enum(FOLLOW_UP_PROMISE_CHANNELS),
  }),
  z.object({
    form: z.literal('callback'),
    /** When to call back, with its offset, e.g. 2026-11-26T10:00:00+08:00. */
    callbackAt: z.iso.datetime({ offset: true }),
  }),
  z.object({
    form: z.literal('complaint'),
    channel: z.enum(FOLLOW_UP_COMPLAINT_CHANNELS),
    description: text(2000),
  }),
  z.object({
    form: z.literal('dispute'),
    disputeType: z.enum(DISPUTE_TYPES),
    description: text(2000),
  }),
  z.object({
    form: z.literal('payment_claim'),
    amountFen: z.number().int().positive(),
    paidOn: date,
    channel: z.enum(PAYMENT_CHANNELS),
    reference: text(100).nullish(),
  }),
  z.object({
    form: z.literal('deceased_report'),
    reportedBy: text(100),
    relation: text(50).nullish(),
    summary: text(2000),
  }),
  z.object({
    form: z.literal('hardship'),
    summary: text(2000),
  }),
]);
export type FollowUpBody = z.infer<typeof FollowUpBody>;

export const StatedReasonBody = z.enum(STATED_REASONS);

/** What logging a contact did besides recording it (the UI says it: "已冻结联系", "已创建回访任务 …"). */
export const ContactLogEffectBody = z.object({
  kind: z.enum([
    'promise_taken',
    'callback_task',
    'complaint_freeze',
    'dispute_review',
    'payment_verification',
    'deceased_hold',
    'hardship_recorded',
    'phone_invalid',
    'phone_wrong_party',
    'third_party_no_contact',
    'stated_reason',
  ]),
  taskId: z.string().optional(),
  complaintId: z.string().optional(),
  /** The task's due time (callback), or until when contact pressure is held off (payment claim). */
  at: z.string().optional(),
  /** The masked number marked, or the third party's name. */
  target: z.string().optional(),
  statedReason: z.string().optional(),
});
export type ContactLogEffectBody = z.infer<typeof ContactLogEffectBody>;

// ——— the collector's day ———

export const TASK_KINDS = [
  'promise_reminder',
  'promise_follow_up',
  'callback',
  'letter',
  'visit',
  'escalation_agency',
  'escalation_legal',
  'review',
] as const;

export const TasksQuery = z.object({
  status: z.enum(['open', 'done']).optional(),
  due: z.enum(['today', 'overdue', 'all']).optional(),
});

export const TaskBody = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  /** The debtor's name, masked. */
  debtorName: z.string(),
  kind: z.enum(TASK_KINDS),
  dueAt: z.string(),
  status: z.enum(['open', 'done', 'cancelled']),
  /** Due before now and still open. */
  overdue: z.boolean(),
  /** A team task without a person (team leads). */
  team: z.boolean(),
  payload: z.record(z.string(), z.unknown()),
  doneAt: z.string().nullable(),
});
export type TaskBody = z.infer<typeof TaskBody>;
export const TaskListBody = z.object({ items: z.array(TaskBody) });
export type TaskListBody = z.infer<typeof TaskListBody>;

export const TaskDoneBody = z.object({ note: text(2000).nullish() });
export type TaskDoneBody = z.infer<typeof TaskDoneBody>;

export const PromisesDueQuery = z.object({ date: date.optional() });

export const PromiseDueBody = z.object({
  promiseId: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  debtorName: z.string(),
  amountFen: z.number(),
  /** Posted payments on the account since the promise was made (net of overpayment). */
  paidFen: z.number(),
  channel: z.string(),
  dueDate: z.string(),
  /** Due the day after the date asked about. */
  dueNextDay: z.boolean(),
});
export type PromiseDueBody = z.infer<typeof PromiseDueBody>;
export const PromisesDueBody = z.object({ date: z.string().nullable(), items: z.array(PromiseDueBody) });
export type PromisesDueBody = z.infer<typeof PromisesDueBody>;

// ——— the people and numbers of a case for the contact panel ———

const GateState = z.object({
  allowed: z.boolean(),
  reasons: z.array(z.string()),
  messages: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  nextAllowedAt: z.string().nullable(),
});

export const ContactTargetsBody = z.object({
  caseId: z.string(),
  phones: z.array(
    z.object({
      phoneId: z.string(),
      masked: z.string(),
      validity: z.string(),
      /** What a contact log marked the number as (the latest log that marked it). */
      mark: z.enum(['invalid_number', 'wrong_party']).nullable(),
      markedAt: z.string().nullable(),
    }),
  ),
  thirdParties: z.array(
    z.object({
      contactId: z.string(),
      name: z.string(),
      relation: z.string(),
      debtRelated: z.boolean(),
      phone: z.string().nullable(),
      phoneValidity: z.string(),
      /** The third party refused to help: never contacted again. */
      refused: z.boolean(),
      refusedAt: z.string().nullable(),
      call: GateState.nullable(),
    }),
  ),
});
export type ContactTargetsBody = z.infer<typeof ContactTargetsBody>;

// ——— the listening list ———

export const ListeningQuery = z.object({
  from: date.optional(),
  to: date.optional(),
  perCollector: z.coerce.number().int().min(0).max(20).optional(),
});

export const LISTENING_REASONS = [
  'error_findings',
  'warning_findings',
  'sample_promise',
  'sample_complaint',
  'sample',
] as const;

export const ListeningItemBody = z.object({
  transcriptId: z.string(),
  title: z.string(),
  collectorId: z.string().nullable(),
  collectorName: z.string().nullable(),
  calledAt: z.string(),
  party: z.string(),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  errors: z.number(),
  warnings: z.number(),
  open: z.number(),
  confirmed: z.number(),
  reason: z.enum(LISTENING_REASONS),
  reasonText: z.object({ zh: z.string(), en: z.string() }),
});
export type ListeningItemBody = z.infer<typeof ListeningItemBody>;

export const ListeningListBody = z.object({
  from: z.string(),
  to: z.string(),
  perCollector: z.number(),
  items: z.array(ListeningItemBody),
  collectors: z.array(
    z.object({
      collectorId: z.string().nullable(),
      collectorName: z.string().nullable(),
      listed: z.number(),
      callsInPeriod: z.number(),
      /** Fewer calls in the period than the list wants per collector. */
      short: z.boolean(),
    }),
  ),
});
export type ListeningListBody = z.infer<typeof ListeningListBody>;
