import { describe, expect, it } from 'vitest';
import { applyHouseOverrides, cnCbaProfile, contactProfiles, findProfile, usRegFProfile } from './index';

describe('profiles', () => {
  it('cn-cba: 08:00-22:00, 6 unanswered per number, 3 connected per debtor, third parties only if unreachable', () => {
    expect(cnCbaProfile.hours.value).toMatchObject({ startMinute: 480, endMinute: 1320 });
    expect(cnCbaProfile.hours.source).toContain('China Banking Association');
    expect(cnCbaProfile.dailyUnansweredCallsPerNumber?.value).toBe(6);
    expect(cnCbaProfile.dailyConnectedCallsPerPerson).toMatchObject({ value: 3 });
    expect(cnCbaProfile.dailyConnectedCallsPerPerson?.source).toContain('GB/T 45251-2025');
    expect(cnCbaProfile.thirdParty.value).toEqual({
      kind: 'debtor_unreachable',
      consecutiveFailedAttempts: 3,
    });
    expect(cnCbaProfile.rollingCallCap).toBeNull();
  });

  it('us-regf: 08:00-21:00, 7 calls in 7 days, 7-day wait, one location contact', () => {
    expect(usRegFProfile.hours.value).toMatchObject({ startMinute: 480, endMinute: 1260 });
    expect(usRegFProfile.hours.source).toContain('1692c(a)(1)');
    expect(usRegFProfile.rollingCallCap?.value).toEqual({ calls: 7, days: 7 });
    expect(usRegFProfile.rollingCallCap?.source).toContain('1006.14(b)(2)');
    expect(usRegFProfile.postConversationWait?.value).toEqual({ days: 7 });
    expect(usRegFProfile.thirdParty).toMatchObject({ value: { kind: 'location_once' } });
    expect(usRegFProfile.thirdParty.source).toContain('1692b');
    expect(usRegFProfile.holds.cease.source).toContain('1692c(c)');
    expect(usRegFProfile.holds.attorney.source).toContain('1692c(a)(2)');
  });

  it('every value of every profile cites a source', () => {
    for (const profile of Object.values(contactProfiles)) {
      const values = [
        profile.hours,
        profile.noContactOnStatutoryHolidays,
        profile.dailyUnansweredCallsPerNumber,
        profile.dailyConnectedCallsPerPerson,
        profile.rollingCallCap,
        profile.postConversationWait,
        profile.thirdParty,
        profile.thirdPartyRefusalIsFinal,
        ...Object.values(profile.holds),
      ];
      for (const value of values) if (value) expect(value.source.length).toBeGreaterThan(10);
    }
  });

  it('finds profiles by id and nothing else', () => {
    expect(findProfile('us-regf')).toBe(usRegFProfile);
    expect(findProfile('toString')).toBeUndefined();
    expect(findProfile('cn')).toBeUndefined();
  });
});

describe('applyHouseOverrides', () => {
  it('tightens the window and caps, citing the house rule', () => {
    const result = applyHouseOverrides(cnCbaProfile, {
      source: 'Card center policy 2026-03 §4',
      dayStart: '09:00',
      dayEnd: '21:00',
      noContactOnStatutoryHolidays: true,
      dailyUnansweredCallsPerNumber: 4,
    });
    if (!result.ok) throw new Error('expected ok');
    expect(result.profile.hours.value).toMatchObject({ startMinute: 540, endMinute: 1260 });
    expect(result.profile.hours.source).toContain('Card center policy 2026-03 §4');
    expect(result.profile.noContactOnStatutoryHolidays?.value).toBe(true);
    expect(result.profile.dailyUnansweredCallsPerNumber?.value).toBe(4);
    expect(result.profile.dailyConnectedCallsPerPerson).toBe(cnCbaProfile.dailyConnectedCallsPerPerson);
    expect(cnCbaProfile.hours.value.endMinute).toBe(1320); // the base profile is untouched
  });

  it('refuses to loosen a rule, with the rule it would break', () => {
    const result = applyHouseOverrides(cnCbaProfile, {
      source: 'Agency X',
      dayEnd: '22:30',
      dailyConnectedCallsPerPerson: 5,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.field, p.code])).toEqual([
      ['dayEnd', 'looser_than_profile'],
      ['dailyConnectedCallsPerPerson', 'looser_than_profile'],
    ]);
    expect(result.problems[0]?.message).toContain('22:00');
  });

  it('reports bad times, empty windows, bad caps and a missing source', () => {
    const bad = applyHouseOverrides(usRegFProfile, {
      source: ' ',
      dayStart: '9am',
      dailyUnansweredCallsPerNumber: 0,
    });
    expect(bad.ok ? [] : bad.problems.map((p) => p.code)).toEqual([
      'source_required',
      'time_format',
      'not_positive_integer',
    ]);
    const empty = applyHouseOverrides(usRegFProfile, { source: 'House', dayStart: '20:00', dayEnd: '19:00' });
    expect(empty.ok ? [] : empty.problems.map((p) => p.code)).toEqual(['empty_window']);
  });

  it('may add a cap the profile does not have', () => {
    const result = applyHouseOverrides(usRegFProfile, { source: 'House', dailyUnansweredCallsPerNumber: 3 });
    expect(result.ok && result.profile.dailyUnansweredCallsPerNumber?.value).toBe(3);
  });
});
