import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARRANGEMENT_FREQUENCIES,
  addMonthsClamped,
  arrangementSchedule,
  arrangementStatus,
  decideInstalments,
  type InstalmentStatus,
  MAX_INSTALMENTS,
  MIN_INSTALMENTS,
  validateArrangement,
} from './arrangements';
import { addDays, epochDayOf } from './dates';

const CHANNELS = ['app', 'bank_transfer', 'counter', 'auto_debit'];
const context = { today: '2026-11-24', balanceFen: 1_000_000, channels: CHANNELS };
const good = {
  totalFen: 600_000,
  instalments: 6,
  frequency: 'monthly',
  firstDueDate: '2026-12-01',
  channel: 'app',
};
const of = (...statuses: InstalmentStatus[]) => statuses.map((status) => ({ status }));

describe('arrangementSchedule', () => {
  it('clamps monthly dates to the month end and keeps the first day of the month afterwards', () => {
    const schedule = arrangementSchedule({
      totalFen: 100_000,
      instalments: 4,
      frequency: 'monthly',
      firstDueDate: '2027-01-31',
    });
    expect(schedule.map((i) => i.dueDate)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('puts the remainder on the last instalment', () => {
    const schedule = arrangementSchedule({
      totalFen: 100_001,
      instalments: 3,
      frequency: 'weekly',
      firstDueDate: '2026-12-01',
    });
    expect(schedule.map((i) => i.amountFen)).toEqual([33_333, 33_333, 33_335]);
    expect(schedule.map((i) => i.dueDate)).toEqual(['2026-12-01', '2026-12-08', '2026-12-15']);
    expect(schedule.map((i) => i.instalmentNo)).toEqual([1, 2, 3]);
  });

  it('biweekly instalments are 14 days apart', () => {
    const schedule = arrangementSchedule({
      totalFen: 20_000,
      instalments: 2,
      frequency: 'biweekly',
      firstDueDate: '2026-12-25',
    });
    expect(schedule.map((i) => i.dueDate)).toEqual(['2026-12-25', '2027-01-08']);
  });

  it('properties: amounts sum to the total, every amount > 0, dates strictly increase', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_INSTALMENTS, max: MAX_INSTALMENTS }),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.constantFrom(...ARRANGEMENT_FREQUENCIES),
        fc.integer({ min: 0, max: 3650 }),
        (n, extra, frequency, offset) => {
          const totalFen = n + extra;
          const firstDueDate = addDays('2024-01-01', offset);
          const schedule = arrangementSchedule({ totalFen, instalments: n, frequency, firstDueDate });
          expect(schedule).toHaveLength(n);
          expect(schedule.reduce((sum, i) => sum + i.amountFen, 0)).toBe(totalFen);
          expect(schedule.every((i) => i.amountFen > 0 && Number.isInteger(i.amountFen))).toBe(true);
          expect(schedule[0]?.dueDate).toBe(firstDueDate);
          for (let k = 1; k < n; k++) {
            expect(epochDayOf(schedule[k]?.dueDate as string)).toBeGreaterThan(
              epochDayOf(schedule[k - 1]?.dueDate as string),
            );
          }
          // All but the last are equal; the last carries fewer than n extra fen.
          const first = schedule[0]?.amountFen as number;
          expect(schedule.slice(0, -1).every((i) => i.amountFen === first)).toBe(true);
          expect((schedule[n - 1]?.amountFen as number) - first).toBeLessThan(n);
        },
      ),
    );
  });
});

describe('validateArrangement', () => {
  it('accepts a good plan', () => {
    expect(validateArrangement(good, context)).toEqual([]);
  });

  it('names each bad field', () => {
    const fields = (request: Partial<typeof good>) =>
      validateArrangement({ ...good, ...request }, context).map((p) => p.field);
    expect(fields({ instalments: 1 })).toEqual(['instalments']);
    expect(fields({ instalments: 37 })).toEqual(['instalments']);
    expect(fields({ instalments: 2.5 })).toEqual(['instalments']);
    expect(fields({ firstDueDate: '2026-11-23' })).toEqual(['firstDueDate']);
    expect(fields({ firstDueDate: '2026-12-25' })).toEqual(['firstDueDate']);
    expect(fields({ firstDueDate: '2026-02-30' })).toEqual(['firstDueDate']);
    expect(fields({ totalFen: 1_000_001 })).toEqual(['totalFen']);
    expect(fields({ totalFen: 9_999 })).toEqual(['totalFen']);
    expect(fields({ channel: 'wechat_personal' })).toEqual(['channel']);
    expect(fields({ frequency: 'daily' })).toEqual(['frequency']);
    expect(fields({ totalFen: 0, channel: 'cash', instalments: 0 })).toEqual([
      'totalFen',
      'instalments',
      'channel',
    ]);
    const [problem] = validateArrangement({ ...good, firstDueDate: '2027-01-30' }, context);
    expect(problem?.reason.zh).toContain('30 天');
    expect(problem?.reason.en).toContain('within 30 days');
  });

  it('accepts the first due date today and exactly 30 days ahead, and the whole balance', () => {
    expect(validateArrangement({ ...good, firstDueDate: '2026-11-24' }, context)).toEqual([]);
    expect(validateArrangement({ ...good, firstDueDate: '2026-12-24' }, context)).toEqual([]);
    expect(validateArrangement({ ...good, totalFen: 1_000_000 }, context)).toEqual([]);
  });
});

describe('decideInstalments', () => {
  it('fills the instalments in order from the cumulative payments', () => {
    const amounts = [1_000, 1_000, 1_000];
    // Paid 1000 by the first deadline and nothing more: the second is broken, not "kept" again.
    expect(decideInstalments(amounts, [1_000, 1_000])).toEqual([
      { paidFen: 1_000, status: 'kept' },
      { paidFen: 0, status: 'broken' },
    ]);
    // Two at once: both kept.
    expect(decideInstalments(amounts, [2_000, 2_000])).toEqual([
      { paidFen: 1_000, status: 'kept' },
      { paidFen: 1_000, status: 'kept' },
    ]);
    // Short, then made up.
    expect(decideInstalments(amounts, [500, 2_000, 3_000]).map((s) => s.status)).toEqual([
      'partly_kept',
      'kept',
      'kept',
    ]);
  });

  it('property: no instalment gets more than its amount and the shares never exceed what was paid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 12, maxLength: 12 }),
        (amounts, increments) => {
          let running = 0;
          const paid = amounts.map((_, i) => {
            running += increments[i] as number;
            return running;
          });
          const shares = decideInstalments(amounts, paid);
          const total = shares.reduce((sum, s) => sum + s.paidFen, 0);
          expect(total).toBeLessThanOrEqual(paid[paid.length - 1] as number);
          shares.forEach((s, i) => {
            expect(s.paidFen).toBeLessThanOrEqual(amounts[i] as number);
            expect(s.status === 'kept').toBe(s.paidFen === amounts[i]);
          });
        },
      ),
    );
  });
});

describe('arrangementStatus', () => {
  it('one broken instalment breaks the plan by default; two with a limit of 2', () => {
    expect(arrangementStatus(of('kept', 'broken', 'pending')).status).toBe('broken');
    expect(arrangementStatus(of('kept', 'broken', 'pending'), { brokenLimit: 2 }).status).toBe('active');
    expect(arrangementStatus(of('broken', 'broken', 'pending'), { brokenLimit: 2 })).toMatchObject({
      status: 'broken',
      broken: 2,
    });
  });

  it('a partly kept instalment is open until the next one is decided, then made up or broken', () => {
    expect(arrangementStatus(of('partly_kept', 'pending', 'pending'))).toMatchObject({
      status: 'active',
      kept: 0,
      broken: 0,
    });
    expect(arrangementStatus(of('partly_kept', 'kept', 'pending'))).toMatchObject({
      status: 'active',
      kept: 2,
      broken: 0,
    });
    expect(arrangementStatus(of('partly_kept', 'partly_kept', 'pending'))).toMatchObject({
      status: 'broken',
      broken: 1,
    });
    expect(arrangementStatus(of('kept', 'partly_kept')).status).toBe('broken');
  });

  it('all kept → completed; cancelled instalments → cancelled', () => {
    expect(arrangementStatus(of('kept', 'kept', 'kept'))).toMatchObject({ status: 'completed', kept: 3 });
    expect(arrangementStatus(of('kept', 'cancelled', 'cancelled')).status).toBe('cancelled');
    expect(arrangementStatus(of('pending', 'pending')).status).toBe('active');
    expect(() => arrangementStatus(of('kept'), { brokenLimit: 0 })).toThrow(RangeError);
  });

  it('properties: completed iff every instalment is kept or made up; all kept → completed; counts add up', () => {
    const decided = fc.constantFrom<InstalmentStatus>('kept', 'partly_kept', 'broken');
    const any = fc.constantFrom<InstalmentStatus>('pending', 'kept', 'partly_kept', 'broken');
    fc.assert(
      fc.property(
        fc.array(any, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        (statuses, brokenLimit) => {
          const verdict = arrangementStatus(of(...statuses), { brokenLimit });
          const allCountKept = verdict.counted.every((c) => c === 'kept' || c === 'made_up');
          expect(verdict.status === 'completed').toBe(allCountKept && verdict.broken < brokenLimit);
          if (statuses.every((s) => s === 'kept')) expect(verdict.status).toBe('completed');
          if (statuses.includes('pending')) expect(verdict.status).not.toBe('completed');
          expect(verdict.kept + verdict.broken).toBeLessThanOrEqual(statuses.length);
          expect(verdict.status === 'broken').toBe(verdict.broken >= brokenLimit);
        },
      ),
    );
    // With the default policy, a plan whose instalments are all decided is never left active.
    fc.assert(
      fc.property(fc.array(decided, { minLength: 1, maxLength: 12 }), (statuses) => {
        expect(arrangementStatus(of(...statuses)).status).not.toBe('active');
      }),
    );
  });
});
