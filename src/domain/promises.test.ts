import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localDateOf } from './dates';
import {
  consecutiveBrokenPromises,
  type DecidedPromise,
  decidePromise,
  endOfLocalDay,
  type PostedPayment,
  PROMISE_STATUSES,
  type PromiseStatus,
  type PromiseToPay,
  promiseEscalation,
  promiseFollowUpDeadline,
  promiseReminderDate,
  promiseStatusText,
} from './promises';

const HAN = /\p{Script=Han}/u;

const promise: PromiseToPay = { amountFen: 100_000, dueDate: '2026-03-20', createdOn: '2026-03-15' };
const paid = (postedOn: string, amountFen: number): PostedPayment => ({ postedOn, amountFen });

describe('decidePromise', () => {
  it('is pending before the due date while not paid in full', () => {
    const decision = decidePromise({ promise, payments: [], asOf: '2026-03-16' });
    expect(decision).toMatchObject({
      status: 'pending',
      paidFen: 0,
      shortfallFen: 100_000,
      deadline: '2026-03-20',
      keptOn: null,
    });
  });

  it('keeps the due date itself open', () => {
    expect(decidePromise({ promise, payments: [], asOf: '2026-03-20' }).status).toBe('pending');
    expect(
      decidePromise({ promise, payments: [paid('2026-03-18', 40_000)], asOf: '2026-03-20' }).status,
    ).toBe('pending');
  });

  it('is kept as soon as the promised amount is paid, even before the due date', () => {
    const decision = decidePromise({
      promise,
      payments: [paid('2026-03-16', 30_000), paid('2026-03-17', 70_000)],
      asOf: '2026-03-17',
    });
    expect(decision).toMatchObject({
      status: 'kept',
      paidFen: 100_000,
      shortfallFen: 0,
      keptOn: '2026-03-17',
    });
  });

  it('is kept when more than promised is paid by the due date', () => {
    const decision = decidePromise({ promise, payments: [paid('2026-03-20', 150_000)], asOf: '2026-04-01' });
    expect(decision).toMatchObject({
      status: 'kept',
      paidFen: 150_000,
      shortfallFen: 0,
      keptOn: '2026-03-20',
    });
  });

  it('is partly kept when less than promised was paid by the deadline', () => {
    const decision = decidePromise({ promise, payments: [paid('2026-03-19', 40_000)], asOf: '2026-03-21' });
    expect(decision).toMatchObject({ status: 'partly_kept', paidFen: 40_000, shortfallFen: 60_000 });
  });

  it('is broken when nothing was paid by the deadline', () => {
    const decision = decidePromise({ promise, payments: [], asOf: '2026-03-21' });
    expect(decision.status).toBe('broken');
    expect(decision.text.zh).toContain('跳票');
  });

  it('counts late payments separately and never as keeping the promise', () => {
    const decision = decidePromise({ promise, payments: [paid('2026-03-22', 100_000)], asOf: '2026-03-25' });
    expect(decision).toMatchObject({ status: 'broken', paidFen: 0, latePaidFen: 100_000 });
  });

  it('lets grace days extend the deadline', () => {
    const payments = [paid('2026-03-22', 100_000)];
    expect(decidePromise({ promise, payments, asOf: '2026-03-22', graceDays: 2 })).toMatchObject({
      status: 'kept',
      deadline: '2026-03-22',
    });
    expect(decidePromise({ promise, payments: [], asOf: '2026-03-22', graceDays: 2 }).status).toBe('pending');
    expect(decidePromise({ promise, payments: [], asOf: '2026-03-23', graceDays: 2 }).status).toBe('broken');
  });

  it('ignores payments made before the promise and after the as-of day', () => {
    const payments = [paid('2026-03-14', 100_000), paid('2026-03-19', 100_000)];
    expect(decidePromise({ promise, payments, asOf: '2026-03-18' })).toMatchObject({
      status: 'pending',
      paidFen: 0,
    });
  });

  it('counts a payment on the day the promise was made', () => {
    const decision = decidePromise({ promise, payments: [paid('2026-03-15', 100_000)], asOf: '2026-03-15' });
    expect(decision.status).toBe('kept');
  });

  it('accepts a promise to pay today', () => {
    const today = { amountFen: 500, dueDate: '2026-03-15', createdOn: '2026-03-15' };
    expect(decidePromise({ promise: today, payments: [], asOf: '2026-03-16' }).status).toBe('broken');
  });

  it('refuses malformed promises and payments', () => {
    expect(() =>
      decidePromise({ promise: { ...promise, amountFen: 0 }, payments: [], asOf: '2026-03-16' }),
    ).toThrow(RangeError);
    expect(() =>
      decidePromise({ promise: { ...promise, dueDate: '2026-03-14' }, payments: [], asOf: '2026-03-16' }),
    ).toThrow(/before it was made/);
    expect(() => decidePromise({ promise, payments: [paid('2026-03-16', 1.5)], asOf: '2026-03-16' })).toThrow(
      RangeError,
    );
    expect(() => decidePromise({ promise, payments: [], asOf: '2026-03-16', graceDays: -1 })).toThrow(
      RangeError,
    );
    expect(() => decidePromise({ promise, payments: [], asOf: '16/03/2026' })).toThrow(RangeError);
  });

  it('explains every status in both languages', () => {
    for (const status of PROMISE_STATUSES) {
      const text = promiseStatusText(status);
      expect(text.zh).toMatch(HAN);
      expect(text.en).not.toMatch(HAN);
    }
  });
});

const base = '2026-03-01';
const dayArb = fc.integer({ min: 0, max: 60 }).map((offset) => addDays(base, offset));
const promiseArb: fc.Arbitrary<PromiseToPay> = fc
  .record({
    amountFen: fc.integer({ min: 1, max: 10_000_000 }),
    created: fc.integer({ min: 0, max: 30 }),
    lead: fc.integer({ min: 0, max: 20 }),
  })
  .map(({ amountFen, created, lead }) => ({
    amountFen,
    createdOn: addDays(base, created),
    dueDate: addDays(base, created + lead),
  }));
const paymentsArb = fc.array(
  fc.record({ postedOn: dayArb, amountFen: fc.integer({ min: 0, max: 5_000_000 }) }),
  { maxLength: 8 },
);

describe('decidePromise properties', () => {
  it('pending exactly until the deadline unless kept; decided after it', () => {
    fc.assert(
      fc.property(promiseArb, paymentsArb, dayArb, fc.nat({ max: 5 }), (p, payments, asOf, graceDays) => {
        const decision = decidePromise({ promise: p, payments, asOf, graceDays });
        expect(decision.deadline).toBe(addDays(p.dueDate, graceDays));
        if (decision.status === 'pending') expect(asOf <= decision.deadline).toBe(true);
        if (decision.status === 'broken' || decision.status === 'partly_kept') {
          expect(asOf > decision.deadline).toBe(true);
        }
        expect(decision.status === 'kept').toBe(decision.paidFen >= p.amountFen);
        expect(decision.status === 'broken').toBe(asOf > decision.deadline && decision.paidFen === 0);
        expect(decision.shortfallFen).toBe(Math.max(0, p.amountFen - decision.paidFen));
      }),
    );
  });

  it('counts exactly the payments posted from the promise day to the deadline', () => {
    fc.assert(
      fc.property(promiseArb, paymentsArb, dayArb, (p, payments, asOf) => {
        const decision = decidePromise({ promise: p, payments, asOf });
        const expected = payments
          .filter((x) => x.postedOn >= p.createdOn && x.postedOn <= p.dueDate && x.postedOn <= asOf)
          .reduce((sum, x) => sum + x.amountFen, 0);
        expect(decision.paidFen).toBe(expected);
      }),
    );
  });

  it('once kept, stays kept on every later day', () => {
    fc.assert(
      fc.property(promiseArb, paymentsArb, dayArb, fc.nat({ max: 30 }), (p, payments, asOf, later) => {
        const first = decidePromise({ promise: p, payments, asOf });
        if (first.status === 'kept') {
          expect(decidePromise({ promise: p, payments, asOf: addDays(asOf, later) }).status).toBe('kept');
        }
      }),
    );
  });

  it('one more payment never makes the status worse', () => {
    const rank: Record<PromiseStatus, number> = { broken: 0, partly_kept: 1, pending: 2, kept: 3 };
    fc.assert(
      fc.property(
        promiseArb,
        paymentsArb,
        fc.record({ postedOn: dayArb, amountFen: fc.integer({ min: 0, max: 5_000_000 }) }),
        dayArb,
        (p, payments, extra, asOf) => {
          const before = decidePromise({ promise: p, payments, asOf }).status;
          const after = decidePromise({ promise: p, payments: [...payments, extra], asOf }).status;
          expect(rank[after]).toBeGreaterThanOrEqual(rank[before]);
        },
      ),
    );
  });
});

describe('promiseReminderDate', () => {
  it('is the day before the due date by default', () => {
    expect(promiseReminderDate(promise)).toBe('2026-03-19');
  });

  it('takes a configurable lead', () => {
    expect(promiseReminderDate(promise, 3)).toBe('2026-03-17');
    expect(promiseReminderDate(promise, 0)).toBe('2026-03-20');
  });

  it('is null when the reminder would fall on or before the day the promise was made', () => {
    expect(promiseReminderDate({ ...promise, dueDate: '2026-03-16' })).toBeNull();
    expect(promiseReminderDate({ ...promise, dueDate: '2026-03-15' })).toBeNull();
    expect(promiseReminderDate(promise, 5)).toBeNull();
    expect(promiseReminderDate({ ...promise, dueDate: '2026-03-17' })).toBe('2026-03-16');
  });

  it('refuses a negative or fractional lead', () => {
    expect(() => promiseReminderDate(promise, -1)).toThrow(RangeError);
    expect(() => promiseReminderDate(promise, 1.5)).toThrow(RangeError);
  });

  it('always falls after the promise was made and on or before the due date', () => {
    fc.assert(
      fc.property(promiseArb, fc.nat({ max: 40 }), (p, lead) => {
        const reminder = promiseReminderDate(p, lead);
        if (reminder !== null) {
          expect(reminder > p.createdOn).toBe(true);
          expect(reminder <= p.dueDate).toBe(true);
        }
      }),
    );
  });
});

describe('endOfLocalDay and promiseFollowUpDeadline', () => {
  it('ends a day at the next local midnight', () => {
    expect(endOfLocalDay('2026-03-15', 'Asia/Shanghai').toISOString()).toBe('2026-03-15T16:00:00.000Z');
    expect(endOfLocalDay('2026-03-15', 'UTC').toISOString()).toBe('2026-03-16T00:00:00.000Z');
    expect(endOfLocalDay('2026-03-15', 'America/New_York').toISOString()).toBe('2026-03-16T04:00:00.000Z');
    expect(endOfLocalDay('2026-12-31', 'Pacific/Kiritimati').toISOString()).toBe('2026-12-31T10:00:00.000Z');
    expect(endOfLocalDay('2026-12-31', 'Etc/GMT+12').toISOString()).toBe('2027-01-01T12:00:00.000Z');
  });

  it('handles days that DST makes 23 or 25 hours long', () => {
    // New York springs forward on 2026-03-08 and falls back on 2026-11-01.
    expect(endOfLocalDay('2026-03-07', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(endOfLocalDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('handles a zone where DST starts at midnight (the day starts at 01:00)', () => {
    // Santiago moved to summer time at 00:00 on 2025-09-07: 2025-09-07 begins at 01:00 local (04:00Z).
    const end = endOfLocalDay('2025-09-06', 'America/Santiago');
    expect(localDateOf(end, 'America/Santiago')).toBe('2025-09-07');
    expect(localDateOf(new Date(end.getTime() - 1), 'America/Santiago')).toBe('2025-09-06');
  });

  it('is the first instant of the next local day, in any zone', () => {
    const zones = [
      'Asia/Shanghai',
      'Asia/Kolkata',
      'Europe/London',
      'America/Los_Angeles',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.constantFrom(...zones), (offset, zone) => {
        const date = addDays('2024-01-01', offset);
        const end = endOfLocalDay(date, zone);
        expect(localDateOf(end, zone)).toBe(addDays(date, 1));
        expect(localDateOf(new Date(end.getTime() - 1), zone)).toBe(date);
      }),
    );
  });

  it('sets the follow-up deadline 24 h after the due date ends', () => {
    expect(promiseFollowUpDeadline('2026-03-20', 'Asia/Shanghai').toISOString()).toBe(
      '2026-03-21T16:00:00.000Z',
    );
    expect(promiseFollowUpDeadline('2026-03-20', 'Asia/Shanghai', 48).toISOString()).toBe(
      '2026-03-22T16:00:00.000Z',
    );
    // Across the end of DST the 24 h are elapsed hours: 23:00 local on the next day.
    expect(promiseFollowUpDeadline('2026-10-31', 'America/New_York').toISOString()).toBe(
      '2026-11-02T04:00:00.000Z',
    );
  });

  it('refuses an unknown zone or negative hours', () => {
    expect(() => endOfLocalDay('2026-03-20', 'Mars/Olympus')).toThrow(RangeError);
    expect(() => promiseFollowUpDeadline('2026-03-20', 'Asia/Shanghai', -1)).toThrow(RangeError);
  });
});

const decided = (dueDate: string, status: PromiseStatus, createdOn?: string): DecidedPromise =>
  createdOn === undefined ? { dueDate, status } : { dueDate, status, createdOn };

describe('consecutiveBrokenPromises and promiseEscalation', () => {
  it('counts the latest broken promises in a row by due date', () => {
    const history = [
      decided('2026-03-01', 'broken'),
      decided('2026-01-01', 'kept'),
      decided('2026-02-01', 'broken'),
    ];
    expect(consecutiveBrokenPromises(history)).toBe(2);
  });

  it('stops at a kept promise', () => {
    expect(consecutiveBrokenPromises([decided('2026-01-01', 'broken'), decided('2026-02-01', 'kept')])).toBe(
      0,
    );
  });

  it('skips pending promises', () => {
    const history = [
      decided('2026-01-01', 'broken'),
      decided('2026-04-01', 'pending'),
      decided('2026-02-01', 'broken'),
    ];
    expect(consecutiveBrokenPromises(history)).toBe(2);
  });

  it('counts a partly kept promise as broken unless told otherwise', () => {
    const history = [decided('2026-01-01', 'broken'), decided('2026-02-01', 'partly_kept')];
    expect(consecutiveBrokenPromises(history)).toBe(2);
    expect(consecutiveBrokenPromises(history, { partlyKeptCountsAsBroken: false })).toBe(0);
  });

  it('orders promises due the same day by the day they were made', () => {
    const history = [
      decided('2026-02-01', 'broken', '2026-01-20'),
      decided('2026-02-01', 'kept', '2026-01-10'),
    ];
    expect(consecutiveBrokenPromises(history)).toBe(1);
  });

  it('changes the approach after two broken promises by default', () => {
    const once = promiseEscalation([decided('2026-01-01', 'broken')]);
    expect(once).toMatchObject({ consecutiveBroken: 1, changeApproach: false });
    const twice = promiseEscalation([decided('2026-01-01', 'broken'), decided('2026-02-01', 'broken')]);
    expect(twice).toMatchObject({ consecutiveBroken: 2, changeApproach: true });
    expect(twice.text.zh).toContain('调整');
    expect(twice.text.en).toContain('change the approach');
  });

  it('takes a configurable threshold and refuses a useless one', () => {
    const history = [decided('2026-01-01', 'broken'), decided('2026-02-01', 'broken')];
    expect(promiseEscalation(history, { changeApproachAfter: 3 }).changeApproach).toBe(false);
    expect(promiseEscalation(history, { changeApproachAfter: 1 }).changeApproach).toBe(true);
    expect(() => promiseEscalation(history, { changeApproachAfter: 0 })).toThrow(RangeError);
  });

  it('never counts more than the broken (and partly kept) promises there are, nor depends on list order', () => {
    const statusArb = fc.constantFrom<PromiseStatus>(...PROMISE_STATUSES);
    const historyArb = fc
      .uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 10 })
      .chain((days) =>
        fc.tuple(...days.map((d) => statusArb.map((status) => decided(addDays('2025-01-01', d), status)))),
      );
    fc.assert(
      fc.property(historyArb, (history) => {
        const count = consecutiveBrokenPromises(history);
        expect(count).toBeLessThanOrEqual(
          history.filter((p) => p.status === 'broken' || p.status === 'partly_kept').length,
        );
        expect(consecutiveBrokenPromises([...history].reverse())).toBe(count);
        expect(consecutiveBrokenPromises(history, { partlyKeptCountsAsBroken: false })).toBeLessThanOrEqual(
          count,
        );
      }),
    );
  });
});
