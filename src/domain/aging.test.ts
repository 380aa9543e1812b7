import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AmountDue,
  ageAccount,
  type BucketRange,
  bucketFor,
  DEFAULT_BUCKETS,
  daysPastDue,
  daysPastDueFromFirstMissed,
  type PaymentReceived,
  SHORT_CYCLE_BUCKETS,
  validateBucketConfig,
} from './aging';
import { addDays, daysBetween } from './dates';

const b = (code: string, minDays: number, maxDays: number | null): BucketRange => ({
  code,
  minDays,
  maxDays,
});

describe('validateBucketConfig', () => {
  it('accepts the default and the short-cycle configurations', () => {
    expect(validateBucketConfig(DEFAULT_BUCKETS)).toEqual({ ok: true, ranges: [...DEFAULT_BUCKETS] });
    expect(validateBucketConfig(SHORT_CYCLE_BUCKETS).ok).toBe(true);
  });

  it('accepts a single open-ended bucket and trims codes', () => {
    expect(validateBucketConfig([b(' ALL ', 0, null)])).toEqual({ ok: true, ranges: [b('ALL', 0, null)] });
  });

  it.each<[string, BucketRange[], string, number | undefined]>([
    ['no buckets', [], 'bucket_config_empty', undefined],
    ['an empty code', [b('M0', 0, 0), b('  ', 1, null)], 'bucket_config_code_empty', 1],
    [
      'a repeated code',
      [b('M0', 0, 0), b('M1', 1, 30), b('M1', 31, null)],
      'bucket_config_code_duplicate',
      2,
    ],
    ['a negative bound', [b('M0', -1, 0), b('M1', 1, null)], 'bucket_config_bounds', 0],
    ['a fractional bound', [b('M0', 0, 0.5), b('M1', 1, null)], 'bucket_config_bounds', 0],
    [
      'an end before the start',
      [b('M0', 0, 0), b('M1', 30, 1), b('M2', 31, null)],
      'bucket_config_range_inverted',
      1,
    ],
    ['a first bucket after day 0', [b('M1', 1, 30), b('M2', 31, null)], 'bucket_config_first_not_zero', 0],
    ['a gap', [b('M0', 0, 0), b('M1', 1, 30), b('M2', 32, null)], 'bucket_config_gap', 2],
    ['an overlap', [b('M0', 0, 0), b('M1', 1, 30), b('M2', 30, null)], 'bucket_config_overlap', 2],
    [
      'an earlier range listed after a later one',
      [b('M0', 0, 0), b('M1', 1, 30), b('M2', 31, 60), b('S1', 1, 7), b('M3', 61, null)],
      'bucket_config_overlap',
      3,
    ],
    [
      'an open end before the last',
      [b('M0', 0, null), b('M1', 1, null)],
      'bucket_config_open_end_not_last',
      0,
    ],
    ['a closed last bucket', [b('M0', 0, 0), b('M1', 1, 30)], 'bucket_config_last_not_open', 1],
  ])('refuses %s', (_, ranges, reason, index) => {
    const result = validateBucketConfig(ranges);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.index).toBe(index);
    }
  });

  it('refuses a bucket whose bounds are not numbers (as from hand-written JSON)', () => {
    const fromJson = JSON.parse('[{"code":"M0","minDays":"0","maxDays":null}]') as BucketRange[];
    expect(validateBucketConfig(fromJson)).toEqual({ ok: false, reason: 'bucket_config_bounds', index: 0 });
  });
});

describe('bucketFor', () => {
  it.each([
    [0, 'M0'],
    [1, 'M1'],
    [30, 'M1'],
    [31, 'M2'],
    [60, 'M2'],
    [61, 'M3'],
    [90, 'M3'],
    [91, 'M3+'],
    [720, 'M3+'],
    [100_000, 'M3+'],
  ])('puts %i days past due in %s by default', (days, bucket) => {
    expect(bucketFor(days, DEFAULT_BUCKETS)).toBe(bucket);
  });

  it.each([
    [0, 'M0'],
    [1, 'S1'],
    [7, 'S1'],
    [8, 'S2'],
    [15, 'S2'],
    [16, 'S3'],
    [30, 'S3'],
    [31, 'M2'],
    [91, 'M3+'],
  ])('puts %i days past due in %s with short cycles', (days, bucket) => {
    expect(bucketFor(days, SHORT_CYCLE_BUCKETS)).toBe(bucket);
  });

  it('counts a negative day count (not yet due) as 0 and drops fractions', () => {
    expect(bucketFor(-5, DEFAULT_BUCKETS)).toBe('M0');
    expect(bucketFor(30.9, DEFAULT_BUCKETS)).toBe('M1');
  });

  it('answers the preceding bucket for a day that falls in a gap of an invalid configuration', () => {
    const gappy = [b('M0', 0, 0), b('M1', 1, 30), b('M3', 61, null)];
    expect(bucketFor(45, gappy)).toBe('M1');
    expect(bucketFor(61, gappy)).toBe('M3');
  });

  it('throws for an empty configuration', () => {
    expect(() => bucketFor(3, [])).toThrow(RangeError);
  });
});

/** Valid bucket configurations: ascending cut points turned into contiguous ranges. */
const validConfig = fc.uniqueArray(fc.integer({ min: 1, max: 2000 }), { maxLength: 12 }).map((cuts) => {
  const starts = [0, ...cuts.sort((x, y) => x - y)];
  return starts.map((start, i) => {
    const next = starts[i + 1];
    return b(`B${i}`, start, next === undefined ? null : next - 1);
  });
});

describe('bucket configurations', () => {
  it('generated configurations are valid', () => {
    fc.assert(
      fc.property(validConfig, (ranges) => {
        expect(validateBucketConfig(ranges).ok).toBe(true);
      }),
    );
  });

  it('a valid configuration puts every day count in exactly one bucket', () => {
    fc.assert(
      fc.property(validConfig, fc.nat({ max: 100_000 }), (ranges, days) => {
        const holding = ranges.filter((r) => days >= r.minDays && (r.maxDays === null || days <= r.maxDays));
        expect(holding).toHaveLength(1);
        expect(bucketFor(days, ranges)).toBe(holding[0]?.code);
      }),
    );
  });

  it('removing any bucket from the middle of a valid configuration is refused as a gap', () => {
    fc.assert(
      fc.property(
        validConfig.filter((r) => r.length >= 3),
        fc.nat(),
        (ranges, pick) => {
          const removed = 1 + (pick % (ranges.length - 2));
          const result = validateBucketConfig(ranges.filter((_, i) => i !== removed));
          expect(result).toEqual({ ok: false, reason: 'bucket_config_gap', index: removed });
        },
      ),
    );
  });
});

describe('daysPastDue', () => {
  const asOf = '2026-03-15';

  it('is 0 with nothing due', () => {
    expect(daysPastDue({ dues: [], payments: [], asOf })).toBe(0);
  });

  it('counts from the oldest unpaid due date', () => {
    const dues = [
      { dueDate: '2026-01-15', amountFen: 50_000 },
      { dueDate: '2026-02-15', amountFen: 50_000 },
    ];
    expect(daysPastDue({ dues, payments: [], asOf })).toBe(59);
  });

  it('applies payments to the oldest due first', () => {
    const dues = [
      { dueDate: '2026-02-15', amountFen: 50_000 },
      { dueDate: '2026-01-15', amountFen: 50_000 },
    ];
    // Pays January's instalment in full: February's is now the oldest unpaid.
    const payments = [{ paidOn: '2026-03-01', amountFen: 50_000 }];
    expect(daysPastDue({ dues, payments, asOf })).toBe(28);
  });

  it('keeps counting from a due that is only partly paid', () => {
    const dues = [
      { dueDate: '2026-01-15', amountFen: 50_000 },
      { dueDate: '2026-02-15', amountFen: 50_000 },
    ];
    const payments = [{ paidOn: '2026-03-01', amountFen: 49_999 }];
    expect(daysPastDue({ dues, payments, asOf })).toBe(59);
  });

  it('ignores payments received after the as-of day', () => {
    const dues = [{ dueDate: '2026-02-15', amountFen: 50_000 }];
    expect(daysPastDue({ dues, payments: [{ paidOn: '2026-03-16', amountFen: 50_000 }], asOf })).toBe(28);
    expect(daysPastDue({ dues, payments: [{ paidOn: '2026-03-15', amountFen: 50_000 }], asOf })).toBe(0);
  });

  it('is 0 for an amount due today or later', () => {
    expect(daysPastDue({ dues: [{ dueDate: asOf, amountFen: 100 }], payments: [], asOf })).toBe(0);
    expect(daysPastDue({ dues: [{ dueDate: '2026-04-15', amountFen: 100 }], payments: [], asOf })).toBe(0);
  });

  it('is 0 when everything that fell due is paid, even with a future instalment open', () => {
    const dues = [
      { dueDate: '2026-02-15', amountFen: 50_000 },
      { dueDate: '2026-04-15', amountFen: 50_000 },
    ];
    expect(daysPastDue({ dues, payments: [{ paidOn: '2026-03-10', amountFen: 50_000 }], asOf })).toBe(0);
  });

  it('lets a due of zero count as paid', () => {
    const dues = [
      { dueDate: '2026-01-15', amountFen: 0 },
      { dueDate: '2026-03-01', amountFen: 100 },
    ];
    expect(daysPastDue({ dues, payments: [], asOf })).toBe(14);
  });

  it('refuses amounts that are not whole fen and malformed dates', () => {
    expect(() => daysPastDue({ dues: [{ dueDate: asOf, amountFen: 1.5 }], payments: [], asOf })).toThrow(
      RangeError,
    );
    expect(() => daysPastDue({ dues: [], payments: [{ paidOn: asOf, amountFen: -1 }], asOf })).toThrow(
      RangeError,
    );
    expect(() => daysPastDue({ dues: [{ dueDate: '2026/1/1', amountFen: 1 }], payments: [], asOf })).toThrow(
      RangeError,
    );
  });
});

const asOf = '2026-03-15';
const dayAround = fc.integer({ min: -800, max: 200 }).map((offset) => addDays(asOf, offset));
const dueArb: fc.Arbitrary<AmountDue> = fc.record({
  dueDate: dayAround,
  amountFen: fc.integer({ min: 0, max: 1_000_000 }),
});
const paymentArb: fc.Arbitrary<PaymentReceived> = fc.record({
  paidOn: dayAround,
  amountFen: fc.integer({ min: 0, max: 1_000_000 }),
});

describe('daysPastDue properties', () => {
  it('is never negative and never more than the age of the oldest due', () => {
    fc.assert(
      fc.property(
        fc.array(dueArb, { maxLength: 12 }),
        fc.array(paymentArb, { maxLength: 8 }),
        (dues, payments) => {
          const days = daysPastDue({ dues, payments, asOf });
          expect(days).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(days)).toBe(true);
          const maxAge = Math.max(0, ...dues.map((d) => daysBetween(d.dueDate, asOf)));
          expect(days).toBeLessThanOrEqual(maxAge);
        },
      ),
    );
  });

  it('is 0 once everything due has been paid by the as-of day', () => {
    fc.assert(
      fc.property(fc.array(dueArb, { maxLength: 12 }), fc.nat({ max: 100 }), (dues, daysAgo) => {
        const total = dues.reduce((sum, due) => sum + due.amountFen, 0);
        const payments = [{ paidOn: addDays(asOf, -daysAgo), amountFen: total }];
        expect(daysPastDue({ dues, payments, asOf })).toBe(0);
      }),
    );
  });

  it('never increases when one more payment arrives', () => {
    fc.assert(
      fc.property(
        fc.array(dueArb, { maxLength: 12 }),
        fc.array(paymentArb, { maxLength: 8 }),
        paymentArb,
        (dues, payments, extra) => {
          const before = daysPastDue({ dues, payments, asOf });
          const after = daysPastDue({ dues, payments: [...payments, extra], asOf });
          expect(after).toBeLessThanOrEqual(before);
        },
      ),
    );
  });

  it('does not depend on the order dues and payments are listed in', () => {
    fc.assert(
      fc.property(
        fc.array(dueArb, { maxLength: 10 }),
        fc.array(paymentArb, { maxLength: 6 }),
        (dues, payments) => {
          const forward = daysPastDue({ dues, payments, asOf });
          expect(daysPastDue({ dues: [...dues].reverse(), payments: [...payments].reverse(), asOf })).toBe(
            forward,
          );
        },
      ),
    );
  });
});

describe('daysPastDueFromFirstMissed', () => {
  it('counts days since the first missed due date while a balance is owed', () => {
    expect(daysPastDueFromFirstMissed({ firstMissedDueDate: '2026-02-13', balanceFen: 100, asOf })).toBe(30);
    expect(daysPastDueFromFirstMissed({ firstMissedDueDate: '2025-03-15', balanceFen: 1, asOf })).toBe(365);
  });

  it('is 0 when nothing is owed or the due date has not passed', () => {
    expect(daysPastDueFromFirstMissed({ firstMissedDueDate: '2026-01-01', balanceFen: 0, asOf })).toBe(0);
    expect(daysPastDueFromFirstMissed({ firstMissedDueDate: asOf, balanceFen: 100, asOf })).toBe(0);
    expect(daysPastDueFromFirstMissed({ firstMissedDueDate: '2026-04-01', balanceFen: 100, asOf })).toBe(0);
  });

  it('is never negative', () => {
    fc.assert(
      fc.property(dayAround, fc.nat({ max: 10_000_000 }), (firstMissedDueDate, balanceFen) => {
        expect(daysPastDueFromFirstMissed({ firstMissedDueDate, balanceFen, asOf })).toBeGreaterThanOrEqual(
          0,
        );
      }),
    );
  });
});

describe('ageAccount', () => {
  it('ages an account from an import file row with the default buckets', () => {
    expect(ageAccount({ firstMissedDueDate: '2026-01-14', balanceFen: 823_450, asOf })).toEqual({
      daysPastDue: 60,
      bucket: 'M2',
    });
  });

  it('ages an account from its instalments and payments with the portfolio buckets', () => {
    const dues = [
      { dueDate: '2026-03-01', amountFen: 30_000 },
      { dueDate: '2026-03-08', amountFen: 30_000 },
    ];
    expect(ageAccount({ dues, payments: [], asOf, buckets: SHORT_CYCLE_BUCKETS })).toEqual({
      daysPastDue: 14,
      bucket: 'S2',
    });
    expect(
      ageAccount({
        dues,
        payments: [{ paidOn: '2026-03-02', amountFen: 30_000 }],
        asOf,
        buckets: SHORT_CYCLE_BUCKETS,
      }),
    ).toEqual({ daysPastDue: 7, bucket: 'S1' });
  });

  it('puts a paid-off account in M0', () => {
    expect(ageAccount({ firstMissedDueDate: '2025-01-01', balanceFen: 0, asOf })).toEqual({
      daysPastDue: 0,
      bucket: 'M0',
    });
  });
});
