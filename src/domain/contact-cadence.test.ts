import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextContactAfterCall } from './contact-cadence';

const now = new Date('2026-11-25T02:00:00Z'); // 10:00 in Shanghai
const base = {
  now,
  current: null,
  callEveryDays: null,
  promiseDueDate: null,
  timeZone: 'Asia/Shanghai',
  followUpAt: null,
  holdUntil: null,
};

describe('nextContactAfterCall', () => {
  it('without a plan, a promise or a hold, the case may be served again at once', () => {
    expect(nextContactAfterCall(base)).toBeNull();
  });

  it('follows the plan: call every 3 days', () => {
    expect(nextContactAfterCall({ ...base, callEveryDays: 3 })?.toISOString()).toBe(
      '2026-11-28T02:00:00.000Z',
    );
  });

  it('no calls before a promise falls due: not before its due day is over, even if the cadence is shorter', () => {
    expect(
      nextContactAfterCall({ ...base, callEveryDays: 2, promiseDueDate: '2026-12-01' })?.toISOString(),
    ).toBe('2026-12-01T16:00:00.000Z');
  });

  it('a callback the debtor asked for is served on time, before the cadence', () => {
    const callback = new Date('2026-11-25T07:00:00Z');
    expect(nextContactAfterCall({ ...base, callEveryDays: 3, followUpAt: callback })).toEqual(callback);
  });

  it('a hold is never cut short by a follow-up', () => {
    const hold = new Date('2026-11-28T02:00:00Z');
    const callback = new Date('2026-11-26T02:00:00Z');
    expect(nextContactAfterCall({ ...base, holdUntil: hold, followUpAt: callback })).toEqual(hold);
  });

  it('keeps a later time already set (e.g. the gate said tomorrow)', () => {
    const later = new Date('2026-12-10T00:00:00Z');
    expect(nextContactAfterCall({ ...base, callEveryDays: 2, current: later })).toEqual(later);
  });

  it('properties: never before now; never later than the latest input; a follow-up caps it unless held', () => {
    const time = fc
      .integer({ min: -5 * 86_400_000, max: 40 * 86_400_000 })
      .map((d) => new Date(now.getTime() + d));
    fc.assert(
      fc.property(
        fc.option(time, { nil: null }),
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
        fc.option(time, { nil: null }),
        fc.option(time, { nil: null }),
        (current, callEveryDays, followUpAt, holdUntil) => {
          const next = nextContactAfterCall({ ...base, current, callEveryDays, followUpAt, holdUntil });
          if (next === null) return;
          expect(next.getTime()).toBeGreaterThan(now.getTime());
          if (holdUntil !== null) expect(next.getTime()).toBeGreaterThanOrEqual(holdUntil.getTime());
          if (followUpAt !== null && (holdUntil === null || followUpAt >= holdUntil) && followUpAt > now) {
            expect(next.getTime()).toBeLessThanOrEqual(followUpAt.getTime());
          }
        },
      ),
    );
  });
});
