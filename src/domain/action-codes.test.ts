import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTACT_OUTCOMES } from '../compliance/gate';
import {
  ACTION_CODES,
  type ActionCode,
  actionCodeDefinition,
  actionCodeLabel,
  actionCodesFor,
  CONTACT_LOG_PROBLEMS,
  type ContactLogInput,
  checkContactLog,
  DISPUTE_TYPES,
  disputeTypeLabel,
  FOLLOW_UP_FORMS,
  type FollowUpData,
  followUpFormLabel,
  followUpFormOf,
  gateOutcomeOf,
  isActionCode,
  isRightPartyContact,
  PAYMENT_CHANNELS,
  paymentChannelLabel,
} from './action-codes';

const HAN = /\p{Script=Han}/u;

describe('the action code catalogue', () => {
  it('labels every code in Chinese and English, each label distinct', () => {
    const zh = new Set<string>();
    const en = new Set<string>();
    for (const code of ACTION_CODES) {
      const label = actionCodeLabel(code);
      expect(label.zh, code).toMatch(HAN);
      expect(label.en, code).not.toMatch(HAN);
      zh.add(label.zh);
      en.add(label.en);
    }
    expect(zh.size).toBe(ACTION_CODES.length);
    expect(en.size).toBe(ACTION_CODES.length);
  });

  it('includes the standard codes of the workbench', () => {
    for (const code of [
      'promise_to_pay',
      'right_party_no_promise',
      'refused_to_pay',
      'no_answer',
      'busy',
      'invalid_number',
      'message_left_third_party',
      'wrong_party',
      'complaint',
      'dispute',
      'deceased_reported',
      'callback_requested',
      'already_paid_claim',
      'hardship',
    ]) {
      expect(isActionCode(code), code).toBe(true);
    }
    expect(isActionCode('constructor')).toBe(false);
  });

  it('maps every code to an outcome the contact gate knows', () => {
    for (const code of ACTION_CODES) expect(CONTACT_OUTCOMES).toContain(gateOutcomeOf(code));
  });

  it.each<[ActionCode, string]>([
    ['promise_to_pay', 'conversation'],
    ['right_party_no_promise', 'conversation'],
    ['refused_to_pay', 'refused'],
    ['third_party_refused', 'refused'],
    ['hung_up', 'refused'],
    ['message_left_third_party', 'conversation'],
    ['wrong_party', 'wrong_number'],
    ['no_answer', 'no_answer'],
    ['busy', 'busy'],
    ['voicemail', 'voicemail'],
    ['powered_off', 'not_connected'],
    ['invalid_number', 'not_connected'],
  ])('records %s as %s', (code, outcome) => {
    expect(gateOutcomeOf(code)).toBe(outcome);
  });

  it('counts a right-party contact only when the debtor was reached', () => {
    expect(isRightPartyContact('promise_to_pay', 'debtor')).toBe(true);
    expect(isRightPartyContact('refused_to_pay', 'debtor')).toBe(true);
    expect(isRightPartyContact('complaint', 'debtor')).toBe(true);
    expect(isRightPartyContact('complaint', 'third_party')).toBe(false);
    expect(isRightPartyContact('message_left_third_party', 'debtor')).toBe(false);
    expect(isRightPartyContact('no_answer', 'debtor')).toBe(false);
    expect(isRightPartyContact('deceased_reported', 'debtor')).toBe(false);
  });

  it('never counts an unanswered call as a right-party contact, nor any third-party contact', () => {
    for (const code of ACTION_CODES) {
      const definition = actionCodeDefinition(code);
      if (!definition.answered) expect(definition.rightPartyContact, code).toBe(false);
      if (definition.rightPartyContact) expect(['conversation', 'refused']).toContain(definition.gateOutcome);
      expect(isRightPartyContact(code, 'third_party')).toBe(false);
      // Unanswered codes are unanswered outcomes for the gate.
      if (!definition.answered) {
        expect(['no_answer', 'busy', 'not_connected', 'voicemail']).toContain(definition.gateOutcome);
      }
    }
  });

  it('requires the follow-up forms of the workbench', () => {
    expect(followUpFormOf('promise_to_pay')).toBe('promise');
    expect(followUpFormOf('complaint')).toBe('complaint');
    expect(followUpFormOf('dispute')).toBe('dispute');
    expect(followUpFormOf('already_paid_claim')).toBe('payment_claim');
    expect(followUpFormOf('deceased_reported')).toBe('deceased_report');
    expect(followUpFormOf('callback_requested')).toBe('callback');
    expect(followUpFormOf('no_answer')).toBeNull();
  });

  it('freezes contact after a complaint and marks numbers', () => {
    expect(actionCodeDefinition('complaint').effects).toEqual(['complaint_freeze']);
    expect(actionCodeDefinition('invalid_number').effects).toEqual(['phone_invalid']);
    expect(actionCodeDefinition('third_party_refused').effects).toEqual(['third_party_no_contact']);
  });

  it('offers each party only the codes that apply to it', () => {
    expect(actionCodesFor('debtor')).toContain('promise_to_pay');
    expect(actionCodesFor('debtor')).not.toContain('third_party_refused');
    expect(actionCodesFor('third_party')).not.toContain('promise_to_pay');
    expect(actionCodesFor('third_party')).toContain('contact_info_obtained');
    for (const code of ACTION_CODES) {
      expect(actionCodesFor('debtor').includes(code) || actionCodesFor('third_party').includes(code)).toBe(
        true,
      );
    }
  });

  it('hands out copies', () => {
    const definition = actionCodeDefinition('complaint');
    (definition.effects as string[]).push('phone_invalid');
    definition.label.zh = 'changed';
    expect(actionCodeDefinition('complaint').effects).toEqual(['complaint_freeze']);
    expect(actionCodeLabel('complaint').zh).toBe('投诉');
  });

  it('labels forms, channels and dispute types in both languages', () => {
    const texts = [
      ...FOLLOW_UP_FORMS.map(followUpFormLabel),
      ...PAYMENT_CHANNELS.map(paymentChannelLabel),
      ...DISPUTE_TYPES.map(disputeTypeLabel),
    ];
    for (const text of texts) {
      expect(text.zh).toMatch(HAN);
      expect(text.en).not.toMatch(HAN);
    }
  });
});

describe('checkContactLog', () => {
  // 2026-03-15 10:00 in Shanghai.
  const contactedAt = new Date('2026-03-15T02:00:00Z');
  const log = (
    code: string,
    followUp?: FollowUpData | null,
    party: 'debtor' | 'third_party' = 'debtor',
  ): ContactLogInput => ({
    code,
    party,
    contactedAt,
    timeZone: 'Asia/Shanghai',
    followUp,
  });
  const problems = (input: ContactLogInput, maxPromiseDays?: number) => {
    const result = checkContactLog(input, maxPromiseDays === undefined ? {} : { maxPromiseDays });
    return result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`);
  };
  const promise = (extra: Partial<Extract<FollowUpData, { form: 'promise' }>> = {}): FollowUpData => ({
    form: 'promise',
    amountFen: 150_000,
    dueDate: '2026-03-20',
    channel: 'app',
    ...extra,
  });

  it('accepts a promise with amount, date and official channel', () => {
    const result = checkContactLog(log('promise_to_pay', promise()));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.definition.gateOutcome).toBe('conversation');
  });

  it('accepts a promise for today and up to the configured horizon', () => {
    expect(problems(log('promise_to_pay', promise({ dueDate: '2026-03-15' })))).toEqual([]);
    expect(problems(log('promise_to_pay', promise({ dueDate: '2026-04-14' })))).toEqual([]);
    expect(problems(log('promise_to_pay', promise({ dueDate: '2026-04-15' })))).toEqual([
      'followUp.dueDate:promise_date_too_far',
    ]);
    expect(problems(log('promise_to_pay', promise({ dueDate: '2026-04-15' })), 60)).toEqual([]);
  });

  it('takes "today" in the debtor’s zone', () => {
    // 2026-03-15T20:00Z is already 2026-03-16 in Shanghai: a promise for the 15th is in the past.
    const late = {
      ...log('promise_to_pay', promise({ dueDate: '2026-03-15' })),
      contactedAt: new Date('2026-03-15T20:00:00Z'),
    };
    expect(problems(late)).toEqual(['followUp.dueDate:promise_date_past']);
  });

  it('lists every problem of a promise form', () => {
    expect(
      problems(
        log(
          'promise_to_pay',
          promise({ amountFen: 0, dueDate: '2026-3-20', channel: 'collector_wechat' as 'app' }),
        ),
      ),
    ).toEqual([
      'followUp.amountFen:amount_invalid',
      'followUp.dueDate:date_invalid',
      'followUp.channel:channel_unknown',
    ]);
    expect(problems(log('promise_to_pay', promise({ dueDate: '2026-03-14' })))).toEqual([
      'followUp.dueDate:promise_date_past',
    ]);
  });

  it('requires the form the code needs, and only that one', () => {
    expect(problems(log('promise_to_pay'))).toEqual(['followUp:follow_up_missing']);
    expect(problems(log('complaint', promise()))).toEqual(['followUp.form:follow_up_wrong_form']);
    expect(problems(log('no_answer', promise()))).toEqual(['followUp:follow_up_unexpected']);
    expect(problems(log('no_answer', null))).toEqual([]);
  });

  it('refuses unknown codes and codes for the other party', () => {
    expect(problems(log('paid_in_full'))).toEqual(['code:code_unknown']);
    expect(problems(log('promise_to_pay', promise(), 'third_party'))).toEqual(['code:code_not_for_party']);
    expect(problems(log('third_party_refused', null, 'debtor'))).toEqual(['code:code_not_for_party']);
  });

  it('checks complaint, dispute, hardship and death records', () => {
    expect(problems(log('complaint', { form: 'complaint', summary: '称催收员态度恶劣' }))).toEqual([]);
    expect(problems(log('complaint', { form: 'complaint', summary: '  ' }))).toEqual([
      'followUp.summary:summary_required',
    ]);
    expect(
      problems(log('dispute', { form: 'dispute', disputeType: 'fees', summary: '认为违约金过高' })),
    ).toEqual([]);
    expect(problems(log('dispute', { form: 'dispute', disputeType: 'x' as 'fees', summary: '' }))).toEqual([
      'followUp.disputeType:dispute_type_unknown',
      'followUp.summary:summary_required',
    ]);
    expect(problems(log('hardship', { form: 'hardship', summary: '失业三个月' }))).toEqual([]);
    expect(
      problems(
        log('deceased_reported', { form: 'deceased_report', reportedBy: '', summary: '' }, 'third_party'),
      ),
    ).toEqual(['followUp.reportedBy:reported_by_required', 'followUp.summary:summary_required']);
  });

  it('checks a payment claim', () => {
    const claim = (paidOn: string): FollowUpData => ({
      form: 'payment_claim',
      amountFen: 1000,
      paidOn,
      channel: 'bank_transfer',
    });
    expect(problems(log('already_paid_claim', claim('2026-03-15')))).toEqual([]);
    expect(problems(log('already_paid_claim', claim('2026-03-16')))).toEqual([
      'followUp.paidOn:paid_on_future',
    ]);
  });

  it('needs a callback time after the contact', () => {
    expect(
      problems(log('callback_requested', { form: 'callback', callbackAt: new Date('2026-03-15T06:00:00Z') })),
    ).toEqual([]);
    expect(problems(log('callback_requested', { form: 'callback', callbackAt: contactedAt }))).toEqual([
      'followUp.callbackAt:callback_not_future',
    ]);
    expect(
      problems(log('callback_requested', { form: 'callback', callbackAt: new Date(Number.NaN) })),
    ).toEqual(['followUp.callbackAt:callback_not_future']);
  });

  it('explains every problem in both languages', () => {
    for (const code of CONTACT_LOG_PROBLEMS) expect(code).toMatch(/^[a-z_]+$/);
    const result = checkContactLog(
      log(
        'promise_to_pay',
        promise({ amountFen: -1, dueDate: 'x', channel: 'cash' as 'app' }),
        'third_party',
      ),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      for (const p of result.problems) {
        expect(p.text.zh).toMatch(HAN);
        expect(p.text.en).not.toMatch(HAN);
      }
    }
  });

  it('property: a code without a form is accepted without one on every party it applies to', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACTION_CODES),
        fc.constantFrom('debtor' as const, 'third_party' as const),
        (code, party) => {
          const result = checkContactLog(log(code, null, party));
          const applies = actionCodeDefinition(code).parties.includes(party);
          const needsForm = followUpFormOf(code) !== null;
          expect(result.ok).toBe(applies && !needsForm);
        },
      ),
    );
  });
});
