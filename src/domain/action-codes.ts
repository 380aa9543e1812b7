/**
 * Action codes (行动码 / 结果码): the standard outcome a collector logs after a contact attempt. Each
 * code says, as data:
 * - its label in zh/en;
 * - on which kind of contact it may be logged (debtor or third party);
 * - whether it is a right-party contact (RPC: the debtor was reached and identified; only ever on a
 *   debtor contact);
 * - the outcome it records in the contact ledger for the contact gate (compliance/gate.ts
 *   CONTACT_OUTCOMES), which decides what later attempts count: `conversation` and `refused` are
 *   connected calls; `refused` also ends all contact with a third party; `wrong_number` was answered
 *   but does not reach the person; `no_answer`, `busy`, `not_connected` and `voicemail` are unanswered;
 * - the follow-up form it requires (a promise needs amount, date and official channel; a complaint a
 *   complaint record; a dispute a dispute record; a payment claim what to verify; a reported death
 *   who reported it; a callback request the time; hardship a summary for a plan);
 * - its effects on the case for the service to apply (a complaint freezes collection contact, an
 *   invalid number is marked invalid, ...).
 *
 * Mapping choices: a debtor who refuses to pay, or anyone who hangs up, is `refused` (the stricter
 * reading: for a third party it ends contact, DOMAIN.md: stop if they refuse; for a debtor it counts
 * like a conversation). A message left with a third party is a `conversation` (someone answered and
 * spoke). 关机 (phone switched off) and 空号/停机 (invalid) never reached the network's subscriber:
 * `not_connected`.
 */
import type { ContactOutcome } from '../compliance/gate';
import type { ContactParty } from '../compliance/profiles/types';
import { type BilingualText, copyText } from './bilingual';
import { addDays, type BusinessDate, isBusinessDate, localDateOf } from './dates';

export const ACTION_CODES = [
  'promise_to_pay',
  'right_party_no_promise',
  'refused_to_pay',
  'callback_requested',
  'already_paid_claim',
  'hardship',
  'dispute',
  'complaint',
  'deceased_reported',
  'message_left_third_party',
  'contact_info_obtained',
  'third_party_refused',
  'hung_up',
  'wrong_party',
  'no_answer',
  'busy',
  'powered_off',
  'voicemail',
  'invalid_number',
] as const;
export type ActionCode = (typeof ACTION_CODES)[number];

export const FOLLOW_UP_FORMS = [
  'promise',
  'complaint',
  'dispute',
  'payment_claim',
  'deceased_report',
  'callback',
  'hardship',
] as const;
export type FollowUpForm = (typeof FOLLOW_UP_FORMS)[number];

/** What the service does to the case or the number when the code is logged. */
export const ACTION_EFFECTS = [
  'complaint_freeze',
  'deceased_review',
  'dispute_review',
  'payment_verification',
  'phone_invalid',
  'phone_wrong_party',
  'third_party_no_contact',
] as const;
export type ActionEffect = (typeof ACTION_EFFECTS)[number];

export interface ActionCodeDefinition {
  code: ActionCode;
  label: BilingualText;
  /** Kinds of contact the code may be logged on. */
  parties: readonly ContactParty[];
  /** On a debtor contact: the debtor was reached and identified. Never true on a third-party contact. */
  rightPartyContact: boolean;
  /** Someone answered (the call connected to a person). */
  answered: boolean;
  gateOutcome: ContactOutcome;
  followUp: FollowUpForm | null;
  effects: readonly ActionEffect[];
}

const BOTH: readonly ContactParty[] = Object.freeze(['debtor', 'third_party']);
const DEBTOR: readonly ContactParty[] = Object.freeze(['debtor']);
const THIRD: readonly ContactParty[] = Object.freeze(['third_party']);

type Definition = Omit<ActionCodeDefinition, 'code'>;
const definition = (
  label: BilingualText,
  parties: readonly ContactParty[],
  rightPartyContact: boolean,
  answered: boolean,
  gateOutcome: ContactOutcome,
  followUp: FollowUpForm | null = null,
  effects: readonly ActionEffect[] = [],
): Definition => ({ label, parties, rightPartyContact, answered, gateOutcome, followUp, effects });

const definitions: Record<ActionCode, Definition> = {
  promise_to_pay: definition(
    { zh: '承诺还款', en: 'Promise to pay' },
    DEBTOR,
    true,
    true,
    'conversation',
    'promise',
  ),
  right_party_no_promise: definition(
    { zh: '本人接听，未承诺还款', en: 'Debtor reached, no promise' },
    DEBTOR,
    true,
    true,
    'conversation',
  ),
  refused_to_pay: definition(
    { zh: '本人明确拒绝还款', en: 'Debtor refused to pay' },
    DEBTOR,
    true,
    true,
    'refused',
  ),
  callback_requested: definition(
    { zh: '要求稍后回电', en: 'Callback requested' },
    BOTH,
    true,
    true,
    'conversation',
    'callback',
  ),
  already_paid_claim: definition(
    { zh: '声称已还款', en: 'Says already paid' },
    DEBTOR,
    true,
    true,
    'conversation',
    'payment_claim',
    ['payment_verification'],
  ),
  hardship: definition(
    { zh: '经济困难，需协商方案', en: 'Financial hardship, plan needed' },
    DEBTOR,
    true,
    true,
    'conversation',
    'hardship',
  ),
  dispute: definition(
    { zh: '对欠款有争议', en: 'Disputes the debt' },
    DEBTOR,
    true,
    true,
    'conversation',
    'dispute',
    ['dispute_review'],
  ),
  complaint: definition({ zh: '投诉', en: 'Complaint' }, BOTH, true, true, 'conversation', 'complaint', [
    'complaint_freeze',
  ]),
  deceased_reported: definition(
    { zh: '告知本人已身故', en: 'Debtor reported deceased' },
    BOTH,
    false,
    true,
    'conversation',
    'deceased_report',
    ['deceased_review'],
  ),
  message_left_third_party: definition(
    { zh: '他人接听，已留言请本人回电', en: 'Someone else answered; callback message left' },
    BOTH,
    false,
    true,
    'conversation',
  ),
  contact_info_obtained: definition(
    { zh: '第三方提供了本人联系方式', en: 'Third party gave the debtor’s contact details' },
    THIRD,
    false,
    true,
    'conversation',
  ),
  third_party_refused: definition(
    { zh: '第三方拒绝协助', en: 'Third party refused to help' },
    THIRD,
    false,
    true,
    'refused',
    null,
    ['third_party_no_contact'],
  ),
  hung_up: definition({ zh: '接通后挂断', en: 'Hung up' }, BOTH, false, true, 'refused'),
  wrong_party: definition(
    { zh: '号码非本人且对方不认识本人', en: 'Wrong party: the number does not reach the person' },
    BOTH,
    false,
    true,
    'wrong_number',
    null,
    ['phone_wrong_party'],
  ),
  no_answer: definition({ zh: '无人接听', en: 'No answer' }, BOTH, false, false, 'no_answer'),
  busy: definition({ zh: '占线', en: 'Busy' }, BOTH, false, false, 'busy'),
  powered_off: definition(
    { zh: '关机或无法接通', en: 'Phone off or unreachable' },
    BOTH,
    false,
    false,
    'not_connected',
  ),
  voicemail: definition({ zh: '转入语音信箱', en: 'Voicemail' }, BOTH, false, false, 'voicemail'),
  invalid_number: definition(
    { zh: '空号或停机', en: 'Invalid or disconnected number' },
    BOTH,
    false,
    false,
    'not_connected',
    null,
    ['phone_invalid'],
  ),
};

export function isActionCode(value: string): value is ActionCode {
  return Object.hasOwn(definitions, value);
}

/** Everything about an action code (a copy: callers cannot change the catalogue). */
export function actionCodeDefinition(code: ActionCode): ActionCodeDefinition {
  const found = definitions[code];
  return {
    code,
    label: copyText(found.label),
    parties: [...found.parties],
    rightPartyContact: found.rightPartyContact,
    answered: found.answered,
    gateOutcome: found.gateOutcome,
    followUp: found.followUp,
    effects: [...found.effects],
  };
}

export function actionCodeLabel(code: ActionCode): BilingualText {
  return copyText(definitions[code].label);
}

/** The codes a collector may pick on a contact with this party, in catalogue order. */
export function actionCodesFor(party: ContactParty): ActionCode[] {
  return ACTION_CODES.filter((code) => definitions[code].parties.includes(party));
}

/** The outcome the contact ledger records for the contact gate. */
export function gateOutcomeOf(code: ActionCode): ContactOutcome {
  return definitions[code].gateOutcome;
}

/** Whether a logged contact counts as a right-party contact: a debtor contact that reached the debtor. */
export function isRightPartyContact(code: ActionCode, party: ContactParty): boolean {
  return party === 'debtor' && definitions[code].rightPartyContact;
}

export function followUpFormOf(code: ActionCode): FollowUpForm | null {
  return definitions[code].followUp;
}

/** Official repayment channels: money goes to the creditor, never to a person's account. */
export const PAYMENT_CHANNELS = [
  'app',
  'online_banking',
  'bank_transfer',
  'auto_debit',
  'bank_counter',
] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

const paymentChannelLabels: Record<PaymentChannel, BilingualText> = {
  app: { zh: '官方 App 还款', en: 'Official app' },
  online_banking: { zh: '网上银行还款', en: 'Online banking' },
  bank_transfer: { zh: '转账至官方还款账户', en: 'Transfer to the official repayment account' },
  auto_debit: { zh: '自动扣款', en: 'Automatic debit' },
  bank_counter: { zh: '银行柜台还款', en: 'Bank counter' },
};

export function paymentChannelLabel(channel: PaymentChannel): BilingualText {
  return copyText(paymentChannelLabels[channel]);
}

export const DISPUTE_TYPES = ['amount', 'fees', 'identity', 'goods_services', 'other'] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

const disputeTypeLabels: Record<DisputeType, BilingualText> = {
  amount: { zh: '欠款金额有误', en: 'Wrong amount' },
  fees: { zh: '费用或利息不合理', en: 'Unfair fees or interest' },
  identity: { zh: '非本人办理或使用', en: 'Not their account or spending' },
  goods_services: { zh: '商品或服务质量问题', en: 'Goods or services problem' },
  other: { zh: '其他争议', en: 'Other dispute' },
};

export function disputeTypeLabel(type: DisputeType): BilingualText {
  return copyText(disputeTypeLabels[type]);
}

/** The data each follow-up form carries. */
export type FollowUpData =
  | { form: 'promise'; amountFen: number; dueDate: BusinessDate; channel: PaymentChannel }
  | { form: 'complaint'; summary: string }
  | { form: 'dispute'; disputeType: DisputeType; summary: string }
  | {
      form: 'payment_claim';
      amountFen: number;
      paidOn: BusinessDate;
      channel: PaymentChannel;
      reference?: string;
    }
  | { form: 'deceased_report'; reportedBy: string; summary: string }
  | { form: 'callback'; callbackAt: Date }
  | { form: 'hardship'; summary: string };

const followUpLabels: Record<FollowUpForm, BilingualText> = {
  promise: { zh: '还款承诺：金额、日期、还款渠道', en: 'Promise: amount, date, payment channel' },
  complaint: { zh: '投诉记录', en: 'Complaint record' },
  dispute: { zh: '争议记录', en: 'Dispute record' },
  payment_claim: { zh: '已还款核实：金额、日期、渠道', en: 'Payment claim to verify: amount, date, channel' },
  deceased_report: { zh: '身故报告：告知人及情况', en: 'Death report: who reported it and what was said' },
  callback: { zh: '回电时间', en: 'Callback time' },
  hardship: { zh: '困难情况说明', en: 'Hardship summary' },
};

export function followUpFormLabel(form: FollowUpForm): BilingualText {
  return copyText(followUpLabels[form]);
}

export const CONTACT_LOG_PROBLEMS = [
  'code_unknown',
  'code_not_for_party',
  'follow_up_missing',
  'follow_up_wrong_form',
  'follow_up_unexpected',
  'amount_invalid',
  'date_invalid',
  'promise_date_past',
  'promise_date_too_far',
  'paid_on_future',
  'channel_unknown',
  'dispute_type_unknown',
  'summary_required',
  'reported_by_required',
  'callback_not_future',
] as const;
export type ContactLogProblemCode = (typeof CONTACT_LOG_PROBLEMS)[number];

const problemTexts: Record<ContactLogProblemCode, BilingualText> = {
  code_unknown: { zh: '未知的行动码', en: 'Unknown action code' },
  code_not_for_party: {
    zh: '该行动码不适用于此类联系对象',
    en: 'This action code does not apply to this party',
  },
  follow_up_missing: { zh: '该行动码须填写后续表单', en: 'This action code needs its follow-up form' },
  follow_up_wrong_form: {
    zh: '后续表单与行动码不符',
    en: 'The follow-up form does not match the action code',
  },
  follow_up_unexpected: { zh: '该行动码不需要后续表单', en: 'This action code takes no follow-up form' },
  amount_invalid: { zh: '金额须为大于 0 的整数（分）', en: 'The amount must be whole fen above 0' },
  date_invalid: { zh: '日期格式应为 YYYY-MM-DD', en: 'The date must be written YYYY-MM-DD' },
  promise_date_past: { zh: '承诺还款日期不能早于今天', en: 'The promised date cannot be before today' },
  promise_date_too_far: {
    zh: '承诺还款日期过远，超过允许的天数，请改为协商还款计划',
    en: 'The promised date is too far off; negotiate a payment plan instead',
  },
  paid_on_future: { zh: '声称的还款日期不能晚于今天', en: 'A claimed payment date cannot be after today' },
  channel_unknown: {
    zh: '还款渠道须为官方渠道（官方 App、网银、官方账户转账、自动扣款、柜台）',
    en: 'The payment channel must be official (app, online banking, official account, auto-debit, counter)',
  },
  dispute_type_unknown: { zh: '未知的争议类型', en: 'Unknown dispute type' },
  summary_required: { zh: '请填写情况说明', en: 'A summary is required' },
  reported_by_required: { zh: '请填写告知人', en: 'Say who reported it' },
  callback_not_future: { zh: '回电时间须晚于本次联系', en: 'The callback time must be after this contact' },
};

export interface ContactLogProblem {
  /** The field concerned, e.g. 'code', 'followUp.dueDate'. */
  field: string;
  code: ContactLogProblemCode;
  text: BilingualText;
}

export interface ContactLogInput {
  code: string;
  party: ContactParty;
  /** When the contact happened. */
  contactedAt: Date;
  /** The zone of the person contacted: "today" for promise and payment dates is their local day. */
  timeZone: string;
  followUp?: FollowUpData | null;
}

export interface ContactLogOptions {
  /** How many days ahead a promise may fall; further is a plan, not a promise. Default 30. */
  maxPromiseDays?: number;
}

function isPositiveFen(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isFilled(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Checks a contact log before it is saved: the code exists and applies to the party, the follow-up
 * form the code requires is there (and no other), and its fields make sense: a promise has an amount,
 * a date from today up to `maxPromiseDays` ahead and an official channel; a payment claim a date not
 * after today; records a summary; a callback a time after the contact. Every problem is listed with
 * its field. (Whether the callback time is within contact hours is the contact gate's decision.)
 */
export function checkContactLog(
  input: ContactLogInput,
  options: ContactLogOptions = {},
): { ok: true; definition: ActionCodeDefinition } | { ok: false; problems: ContactLogProblem[] } {
  const problems: ContactLogProblem[] = [];
  const problem = (field: string, code: ContactLogProblemCode) =>
    problems.push({ field, code, text: copyText(problemTexts[code]) });
  if (!isActionCode(input.code)) {
    problem('code', 'code_unknown');
    return { ok: false, problems };
  }
  const found = definitions[input.code];
  if (!found.parties.includes(input.party)) problem('code', 'code_not_for_party');
  const followUp = input.followUp ?? null;
  if (found.followUp === null) {
    if (followUp !== null) problem('followUp', 'follow_up_unexpected');
  } else if (followUp === null) {
    problem('followUp', 'follow_up_missing');
  } else if (followUp.form !== found.followUp) {
    problem('followUp.form', 'follow_up_wrong_form');
  } else {
    const today = localDateOf(input.contactedAt, input.timeZone);
    checkFollowUp(followUp, today, input.contactedAt, options.maxPromiseDays ?? 30, problem);
  }
  return problems.length === 0
    ? { ok: true, definition: actionCodeDefinition(input.code) }
    : { ok: false, problems };
}

function checkFollowUp(
  data: FollowUpData,
  today: BusinessDate,
  contactedAt: Date,
  maxPromiseDays: number,
  problem: (field: string, code: ContactLogProblemCode) => void,
): void {
  const channelOk = (channel: unknown) => (PAYMENT_CHANNELS as readonly unknown[]).includes(channel);
  switch (data.form) {
    case 'promise':
      if (!isPositiveFen(data.amountFen)) problem('followUp.amountFen', 'amount_invalid');
      if (typeof data.dueDate !== 'string' || !isBusinessDate(data.dueDate))
        problem('followUp.dueDate', 'date_invalid');
      else if (data.dueDate < today) problem('followUp.dueDate', 'promise_date_past');
      else if (data.dueDate > addDays(today, maxPromiseDays))
        problem('followUp.dueDate', 'promise_date_too_far');
      if (!channelOk(data.channel)) problem('followUp.channel', 'channel_unknown');
      return;
    case 'payment_claim':
      if (!isPositiveFen(data.amountFen)) problem('followUp.amountFen', 'amount_invalid');
      if (typeof data.paidOn !== 'string' || !isBusinessDate(data.paidOn))
        problem('followUp.paidOn', 'date_invalid');
      else if (data.paidOn > today) problem('followUp.paidOn', 'paid_on_future');
      if (!channelOk(data.channel)) problem('followUp.channel', 'channel_unknown');
      return;
    case 'dispute':
      if (!(DISPUTE_TYPES as readonly unknown[]).includes(data.disputeType)) {
        problem('followUp.disputeType', 'dispute_type_unknown');
      }
      if (!isFilled(data.summary)) problem('followUp.summary', 'summary_required');
      return;
    case 'deceased_report':
      if (!isFilled(data.reportedBy)) problem('followUp.reportedBy', 'reported_by_required');
      if (!isFilled(data.summary)) problem('followUp.summary', 'summary_required');
      return;
    case 'callback':
      if (!(data.callbackAt instanceof Date) || !(data.callbackAt.getTime() > contactedAt.getTime())) {
        problem('followUp.callbackAt', 'callback_not_future');
      }
      return;
    case 'complaint':
    case 'hardship':
      if (!isFilled(data.summary)) problem('followUp.summary', 'summary_required');
      return;
  }
}
