import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ContactHistoryEntry,
  type ContactOutcome,
  type ContactRequest,
  contactRules,
  decideContact,
} from './gate';
import { applyHouseOverrides, type ContactProfile, cnCbaProfile, usRegFProfile } from './profiles';

const at = (iso: string) => new Date(iso);

function call(
  iso: string,
  outcome: ContactOutcome,
  extra: Partial<ContactHistoryEntry> = {},
): ContactHistoryEntry {
  return {
    at: at(iso),
    channel: 'call',
    party: 'debtor',
    personId: 'debtor-1',
    debtId: 'card-1',
    phone: '13800138000',
    outcome,
    ...extra,
  };
}

function cn(nowIso: string, extra: Partial<ContactRequest> = {}): ContactRequest {
  return {
    profile: cnCbaProfile,
    now: at(nowIso),
    timeZone: 'Asia/Shanghai',
    channel: 'call',
    party: 'debtor',
    personId: 'debtor-1',
    debtId: 'card-1',
    phone: '13800138000',
    ...extra,
  };
}

function us(nowIso: string, extra: Partial<ContactRequest> = {}): ContactRequest {
  return {
    profile: usRegFProfile,
    now: at(nowIso),
    timeZone: 'America/New_York',
    channel: 'call',
    party: 'debtor',
    personId: 'debtor-1',
    debtId: 'card-1',
    phone: '2125550100',
    ...extra,
  };
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

function house(
  profile: ContactProfile,
  overrides: Parameters<typeof applyHouseOverrides>[1],
): ContactProfile {
  const result = applyHouseOverrides(profile, overrides);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.profile;
}

describe('contact hours (cn-cba 08:00-22:00 local)', () => {
  it('allows a call at 21:59 Beijing time and refuses one at 22:00 until 08:00 next morning', () => {
    expect(decideContact(cn('2026-03-16T21:59:00+08:00'))).toEqual({
      allowed: true,
      reasons: [],
      nextAllowedAt: at('2026-03-16T21:59:00+08:00'),
    });
    const late = decideContact(cn('2026-03-16T22:00:00+08:00'));
    expect(late.allowed).toBe(false);
    expect(late.reasons).toEqual(['outside_hours']);
    expect(iso(late.nextAllowedAt)).toBe('2026-03-17T00:00:00.000Z');
  });

  it('refuses 07:59 and opens at 08:00 the same morning', () => {
    const early = decideContact(cn('2026-03-16T07:59:00+08:00'));
    expect(early.reasons).toEqual(['outside_hours']);
    expect(iso(early.nextAllowedAt)).toBe('2026-03-16T00:00:00.000Z');
    expect(decideContact(cn('2026-03-16T08:00:00+08:00')).allowed).toBe(true);
  });

  it('uses the debtor time zone: Urumqi is two hours behind Beijing time', () => {
    // 08:30 Beijing time is 06:30 in Urumqi.
    expect(decideContact(cn('2026-03-16T08:30:00+08:00')).allowed).toBe(true);
    const urumqi = decideContact(cn('2026-03-16T08:30:00+08:00', { timeZone: 'Asia/Urumqi' }));
    expect(urumqi.reasons).toEqual(['outside_hours']);
    expect(iso(urumqi.nextAllowedAt)).toBe('2026-03-16T02:00:00.000Z'); // 08:00 Urumqi = 10:00 Beijing
    // 22:30 Beijing time is 20:30 in Urumqi.
    expect(decideContact(cn('2026-03-16T22:30:00+08:00')).allowed).toBe(false);
    expect(decideContact(cn('2026-03-16T22:30:00+08:00', { timeZone: 'Asia/Urumqi' })).allowed).toBe(true);
  });

  it('applies to SMS and visits but not to letters or email', () => {
    const night = '2026-03-16T23:00:00+08:00';
    expect(decideContact(cn(night, { channel: 'sms' })).reasons).toEqual(['outside_hours']);
    expect(decideContact(cn(night, { channel: 'visit' })).reasons).toEqual(['outside_hours']);
    expect(decideContact(cn(night, { channel: 'letter' })).allowed).toBe(true);
    expect(decideContact(cn(night, { channel: 'email' })).allowed).toBe(true);
  });

  it('house override: the day ends at 21:00', () => {
    const profile = house(cnCbaProfile, { source: 'Card center policy 2026-03', dayEnd: '21:00' });
    expect(decideContact(cn('2026-03-16T20:59:00+08:00', { profile })).allowed).toBe(true);
    expect(decideContact(cn('2026-03-16T21:00:00+08:00', { profile })).reasons).toEqual(['outside_hours']);
  });

  it('house override: no calls on statutory holidays, make-up workdays stay open', () => {
    const profile = house(cnCbaProfile, {
      source: 'Card center policy 2026-03',
      noContactOnStatutoryHolidays: true,
    });
    const nationalDay = decideContact(cn('2026-10-01T10:00:00+08:00', { profile }));
    expect(nationalDay.reasons).toEqual(['outside_hours']);
    expect(iso(nationalDay.nextAllowedAt)).toBe('2026-10-08T00:00:00.000Z'); // 08:00 on the first workday
    // Saturday 2026-02-14 is a make-up workday before the Spring Festival.
    expect(decideContact(cn('2026-02-14T10:00:00+08:00', { profile })).allowed).toBe(true);
    // An ordinary Saturday is not a statutory holiday.
    expect(decideContact(cn('2026-03-14T10:00:00+08:00', { profile })).allowed).toBe(true);
    // Without the override the holiday is an ordinary day.
    expect(decideContact(cn('2026-10-01T10:00:00+08:00')).allowed).toBe(true);
  });
});

describe('cn-cba daily caps', () => {
  const unanswered = (count: number, phone = '13800138000') =>
    Array.from({ length: count }, (_, i) =>
      call(`2026-03-16T${String(9 + i).padStart(2, '0')}:00:00+08:00`, 'no_answer', { phone }),
    );

  it('allows the 6th unanswered call to a number and refuses the 7th until the next morning', () => {
    expect(decideContact(cn('2026-03-16T17:00:00+08:00', { history: unanswered(5) })).allowed).toBe(true);
    const seventh = decideContact(cn('2026-03-16T17:00:00+08:00', { history: unanswered(6) }));
    expect(seventh.reasons).toEqual(['daily_attempt_cap']);
    expect(iso(seventh.nextAllowedAt)).toBe('2026-03-17T00:00:00.000Z');
  });

  it('counts per number and per local day; wrong numbers were answered and do not count', () => {
    const history = unanswered(6, '13900139000');
    expect(decideContact(cn('2026-03-16T17:00:00+08:00', { history })).allowed).toBe(true);
    expect(decideContact(cn('2026-03-17T09:00:00+08:00', { history: unanswered(6) })).allowed).toBe(true);
    const withWrong = [...unanswered(5), call('2026-03-16T16:00:00+08:00', 'wrong_number')];
    expect(decideContact(cn('2026-03-16T17:00:00+08:00', { history: withWrong })).allowed).toBe(true);
  });

  it('refuses a 4th call after 3 connected calls by collector, agency and robot dialer', () => {
    const history = [
      call('2026-03-16T09:10:00+08:00', 'conversation', { phone: '13800138000' }), // in-house collector
      call('2026-03-16T11:30:00+08:00', 'refused', { phone: '13900139000', debtId: 'loan-7' }), // agency
      call('2026-03-16T15:05:00+08:00', 'conversation', { phone: '13800138000' }), // robot dialer
    ];
    expect(decideContact(cn('2026-03-16T17:00:00+08:00', { history: history.slice(0, 2) })).allowed).toBe(
      true,
    );
    const fourth = decideContact(cn('2026-03-16T17:00:00+08:00', { history }));
    expect(fourth.reasons).toEqual(['daily_connected_cap']);
    expect(iso(fourth.nextAllowedAt)).toBe('2026-03-17T00:00:00.000Z');
    expect(decideContact(cn('2026-03-16T17:00:00+08:00', { history, channel: 'sms' })).allowed).toBe(true);
  });
});

describe('attempts reserved but not yet finished (no outcome)', () => {
  const pending = (isoAt: string, extra: Partial<ContactHistoryEntry> = {}): ContactHistoryEntry => {
    const { outcome: _, ...entry } = call(isoAt, 'no_answer', extra);
    return entry;
  };

  it('count as connected for the daily cap: three ringing lines leave no room for a fourth', () => {
    const history = [
      pending('2026-03-10T01:00:00Z'),
      pending('2026-03-10T01:00:01Z'),
      pending('2026-03-10T01:00:02Z'),
    ];
    const decision = decideContact(cn('2026-03-10T01:00:03Z', { history }));
    expect(decision.allowed).toBe(false);
    expect(decision.reasons).toContain('daily_connected_cap');
  });

  it('count as unanswered for the per-number cap', () => {
    const history = Array.from({ length: 6 }, (_, i) =>
      pending(`2026-03-10T0${i + 1}:00:00Z`, { personId: `other-${i}` }),
    );
    const decision = decideContact(cn('2026-03-10T08:00:00Z', { history }));
    expect(decision.reasons).toContain('daily_attempt_cap');
  });

  it('do not start the Reg F conversation wait', () => {
    const decision = decideContact(
      us('2026-03-10T15:00:00Z', { history: [pending('2026-03-10T14:00:00Z', { phone: '2125550100' })] }),
    );
    expect(decision).toMatchObject({ allowed: true, reasons: [] });
  });
});

describe('third parties', () => {
  const contact = { party: 'third_party' as const, personId: 'sister-1', phone: '13700137000' };

  it('cn-cba: refused while the debtor is reachable, with no time that would fix it', () => {
    expect(decideContact(cn('2026-03-16T10:00:00+08:00', contact))).toEqual({
      allowed: false,
      reasons: ['third_party_restricted'],
      nextAllowedAt: null,
    });
  });

  it('cn-cba: allowed when all numbers are invalid or after 3 consecutive failed attempts', () => {
    expect(
      decideContact(cn('2026-03-16T10:00:00+08:00', { ...contact, flags: { debtorUnreachable: true } }))
        .allowed,
    ).toBe(true);
    const failed = [
      call('2026-03-14T10:00:00+08:00', 'no_answer'),
      call('2026-03-15T10:00:00+08:00', 'not_connected'),
      call('2026-03-16T09:00:00+08:00', 'busy'),
    ];
    expect(decideContact(cn('2026-03-16T10:00:00+08:00', { ...contact, history: failed })).allowed).toBe(
      true,
    );
    expect(
      decideContact(cn('2026-03-16T10:00:00+08:00', { ...contact, history: failed.slice(1) })).allowed,
    ).toBe(false);
    const reachedSince = [...failed, call('2026-03-16T09:30:00+08:00', 'conversation')];
    expect(
      decideContact(cn('2026-03-16T10:00:00+08:00', { ...contact, history: reachedSince })).reasons,
    ).toEqual(['third_party_restricted']);
  });

  it('cn-cba: a third party who refused is not contacted again', () => {
    const history = [
      call('2026-03-10T10:00:00+08:00', 'refused', {
        party: 'third_party',
        personId: 'sister-1',
        phone: '13700137000',
      }),
    ];
    const again = decideContact(
      cn('2026-03-16T10:00:00+08:00', { ...contact, history, flags: { debtorUnreachable: true } }),
    );
    expect(again).toEqual({ allowed: false, reasons: ['third_party_restricted'], nextAllowedAt: null });
  });

  it('us-regf: one location communication per third party', () => {
    const request = us('2026-03-16T10:00:00-04:00', { ...contact, phone: '2125550199' });
    expect(decideContact(request).allowed).toBe(true);
    const voicemail = [
      call('2026-03-12T10:00:00-04:00', 'voicemail', { party: 'third_party', personId: 'sister-1' }),
    ];
    expect(decideContact({ ...request, history: voicemail }).allowed).toBe(true);
    const spoke = [
      call('2026-03-12T10:00:00-04:00', 'conversation', { party: 'third_party', personId: 'sister-1' }),
    ];
    // Reg F's post-conversation wait also applies to the third party it was a conversation with.
    expect(decideContact({ ...request, history: spoke })).toEqual({
      allowed: false,
      reasons: ['third_party_restricted', 'post_conversation_wait'],
      nextAllowedAt: null,
    });
    // Another third party may still be asked once.
    expect(decideContact({ ...request, personId: 'neighbour-2', history: spoke }).allowed).toBe(true);
  });
});

describe('us-regf call frequency (12 CFR 1006.14(b)(2))', () => {
  // 2026-03-02 (Mon) to 2026-03-08 (Sun); DST starts in New York at 02:00 on 2026-03-08.
  const week = ['02', '03', '04', '05', '06', '07', '08'].map((day) =>
    call(`2026-03-${day}T15:00:00Z`, 'no_answer', { phone: '2125550100' }),
  );

  it('allows the 7th call in 7 days and refuses the 8th until a day leaves the window (across DST)', () => {
    expect(decideContact(us('2026-03-08T19:00:00Z', { history: week.slice(0, 6) })).allowed).toBe(true);
    const eighth = decideContact(us('2026-03-08T19:00:00Z', { history: week }));
    expect(eighth.reasons).toEqual(['frequency_cap']);
    // Monday 2026-03-09 08:00 EDT (UTC-4), no longer EST: the Monday 03-02 call left the window.
    expect(iso(eighth.nextAllowedAt)).toBe('2026-03-09T12:00:00.000Z');
  });

  it('counts per debt and ignores calls that did not connect to the number', () => {
    expect(decideContact(us('2026-03-08T19:00:00Z', { history: week, debtId: 'loan-2' })).allowed).toBe(true);
    const withFailedLine = [...week.slice(0, 6), call('2026-03-08T16:00:00Z', 'not_connected')];
    expect(decideContact(us('2026-03-08T19:00:00Z', { history: withFailedLine })).allowed).toBe(true);
  });

  it('waits 7 days after a conversation, the conversation day being day 1', () => {
    const history = [call('2026-03-02T15:00:00Z', 'conversation')]; // Monday 10:00 EST
    const sunday = decideContact(us('2026-03-08T23:00:00Z', { history })); // Sunday 19:00 EDT, day 7
    expect(sunday.reasons).toEqual(['post_conversation_wait']);
    expect(iso(sunday.nextAllowedAt)).toBe('2026-03-09T12:00:00.000Z');
    expect(decideContact(us('2026-03-09T12:00:00Z', { history })).allowed).toBe(true);
    expect(decideContact(us('2026-03-08T23:00:00Z', { history, debtId: 'loan-2' })).allowed).toBe(true);
    // The wait is about calls: a letter may still go out.
    expect(decideContact(us('2026-03-08T23:00:00Z', { history, channel: 'letter' })).allowed).toBe(true);
  });

  it('closes at 21:00 local, on the right side of the DST change', () => {
    expect(decideContact(us('2026-03-06T01:59:00Z')).allowed).toBe(true); // Thu 20:59 EST
    expect(decideContact(us('2026-03-06T02:00:00Z')).reasons).toEqual(['outside_hours']); // 21:00 EST
    expect(decideContact(us('2026-03-10T00:59:00Z')).allowed).toBe(true); // Mon 20:59 EDT
    expect(decideContact(us('2026-03-10T01:00:00Z')).reasons).toEqual(['outside_hours']); // 21:00 EDT
  });
});

describe('holds', () => {
  it('each hold blocks every channel with no next time, and all reasons are reported', () => {
    const flags = { cease: true, attorney: true, complaintFreeze: true, legalHold: true };
    expect(decideContact(us('2026-03-16T15:00:00Z', { flags, channel: 'letter' }))).toEqual({
      allowed: false,
      reasons: ['cease', 'attorney', 'complaint_freeze', 'legal_hold'],
      nextAllowedAt: null,
    });
    expect(decideContact(cn('2026-03-16T23:00:00+08:00', { flags: { legalHold: true } }))).toEqual({
      allowed: false,
      reasons: ['legal_hold', 'outside_hours'],
      nextAllowedAt: null,
    });
    expect(decideContact(cn('2026-03-16T10:00:00+08:00', { flags: { legalHold: false } })).allowed).toBe(
      true,
    );
  });

  it('a person without the certification the portfolio requires may not contact, with no next time', () => {
    expect(decideContact(cn('2026-03-16T10:00:00+08:00', { flags: { notCertified: true } }))).toEqual({
      allowed: false,
      reasons: ['not_certified'],
      nextAllowedAt: null,
    });
    expect(decideContact(cn('2026-03-16T10:00:00+08:00', { flags: { notCertified: false } })).allowed).toBe(
      true,
    );
  });
});

// Properties --------------------------------------------------------------------------------------

const ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'America/New_York', 'America/Los_Angeles'];
const OUTCOMES: ContactOutcome[] = [
  'no_answer',
  'busy',
  'not_connected',
  'voicemail',
  'conversation',
  'refused',
  'wrong_number',
];
const holidayHouse = house(cnCbaProfile, {
  source: 'test house',
  dayStart: '09:00',
  dayEnd: '21:00',
  noContactOnStatutoryHolidays: true,
  dailyConnectedCallsPerPerson: 2,
});
const START = Date.parse('2026-01-01T00:00:00Z');
const END = Date.parse('2026-12-31T00:00:00Z');
const DAY = 86_400_000;

const entryBefore = (now: number) =>
  fc.record({
    at: fc.integer({ min: 0, max: 9 * DAY }).map((back) => new Date(now - back)),
    channel: fc.constantFrom('call', 'call', 'call', 'sms', 'visit', 'letter', 'email' as const),
    party: fc.constantFrom('debtor', 'debtor', 'third_party' as const),
    personId: fc.constantFrom('p1', 'p2', 't1'),
    debtId: fc.constantFrom('d1', 'd2'),
    phone: fc.constantFrom('13800000001', '13800000002'),
    outcome: fc.constantFrom(...OUTCOMES),
  });

const requestArb = fc.integer({ min: START, max: END }).chain((now) =>
  fc.record({
    profile: fc.constantFrom(cnCbaProfile, usRegFProfile, holidayHouse),
    now: fc.constant(new Date(now)),
    timeZone: fc.constantFrom(...ZONES),
    channel: fc.constantFrom('call', 'call', 'sms', 'visit', 'letter', 'email' as const),
    party: fc.constantFrom('debtor', 'debtor', 'third_party' as const),
    personId: fc.constantFrom('p1', 'p2', 't1'),
    debtId: fc.constantFrom('d1', 'd2'),
    phone: fc.option(fc.constantFrom('13800000001', '13800000002'), { nil: undefined }),
    history: fc.array(entryBefore(now), { maxLength: 16 }),
    flags: fc.record({
      cease: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
      attorney: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
      complaintFreeze: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
      legalHold: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
      debtorUnreachable: fc.boolean(),
      notCertified: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
    }),
  }),
);

describe('gate properties', () => {
  it('(a) never allows what a single rule forbids, and reports exactly the forbidding rules', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const decision = decideContact(request);
        const forbidding = contactRules.filter((rule) => rule.check(request, request.now).blocked);
        expect(decision.reasons).toEqual(forbidding.map((rule) => rule.reason));
        expect(decision.allowed).toBe(forbidding.length === 0);
      }),
      { numRuns: 500 },
    );
  });

  it('(b) nextAllowedAt is not before now and is allowed when asked again then', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const decision = decideContact(request);
        if (decision.nextAllowedAt === null) return;
        expect(decision.nextAllowedAt.getTime()).toBeGreaterThanOrEqual(request.now.getTime());
        expect(decideContact({ ...request, now: decision.nextAllowedAt }).allowed).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('(c) adding history never turns a refusal into an allowance', () => {
    fc.assert(
      fc.property(
        requestArb.chain((request) =>
          fc.tuple(
            fc.constant(request),
            fc.array(entryBefore(request.now.getTime()), { minLength: 1, maxLength: 6 }),
          ),
        ),
        ([request, added]) => {
          // The one rule where history is evidence for allowing: failed calls prove a Chinese debtor
          // unreachable, which opens third-party contact. Such entries are left out here.
          const evidence = (e: ContactHistoryEntry) =>
            request.profile.thirdParty.value.kind === 'debtor_unreachable' &&
            request.party === 'third_party' &&
            e.party === 'debtor' &&
            e.channel === 'call' &&
            e.outcome !== 'conversation' &&
            e.outcome !== 'refused';
          const more = added.filter((e) => !evidence(e));
          if (decideContact(request).allowed) return;
          const history = [...(request.history ?? []), ...more];
          expect(decideContact({ ...request, history }).allowed).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
