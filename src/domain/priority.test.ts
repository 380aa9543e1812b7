import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import {
  balancePoints,
  DEFAULT_PRIORITY_WEIGHTS,
  maximumPriority,
  PRIORITY_MAX,
  type PriorityInput,
  type PriorityWeights,
  priorityScore,
  recoveryRateBp,
  validatePriorityWeights,
} from './priority';
import { RISK_SIGNALS, type RiskSignal } from './risk-signals';

const HAN = /\p{Script=Han}/u;
const asOf = '2026-03-15';
const input = (overrides: Partial<PriorityInput> = {}): PriorityInput => ({
  balanceFen: 1_000_000,
  daysPastDue: 15,
  brokenPromises: 0,
  asOf,
  ...overrides,
});
const pointsOf = (score: ReturnType<typeof priorityScore>, factor: string) =>
  score.breakdown.find((line) => line.factor === factor)?.points;

describe('default weights', () => {
  it('are valid and add up to at most 1000', () => {
    expect(validatePriorityWeights(DEFAULT_PRIORITY_WEIGHTS)).toEqual({ ok: true });
    expect(maximumPriority(DEFAULT_PRIORITY_WEIGHTS)).toBeLessThanOrEqual(PRIORITY_MAX);
  });

  it('follow the recovery numbers of DOMAIN.md', () => {
    const curve = DEFAULT_PRIORITY_WEIGHTS.recoveryCurve;
    expect(recoveryRateBp(15, curve)).toBe(8000);
    expect(recoveryRateBp(45, curve)).toBe(5000);
    expect(recoveryRateBp(120, curve)).toBe(3000);
    expect(recoveryRateBp(200, curve)).toBe(1000);
    expect(recoveryRateBp(0, curve)).toBe(6000);
    expect(recoveryRateBp(-3, curve)).toBe(6000);
  });
});

describe('balancePoints', () => {
  it('is 0 at the floor, the maximum at the cap and logarithmic between', () => {
    expect(balancePoints(0)).toBe(0);
    expect(balancePoints(10_000)).toBe(0);
    expect(balancePoints(100_000)).toBe(75); // 1,000 yuan: one decade of four
    expect(balancePoints(1_000_000)).toBe(150);
    expect(balancePoints(10_000_000)).toBe(225);
    expect(balancePoints(100_000_000)).toBe(300);
    expect(balancePoints(900_000_000_000)).toBe(300);
  });
});

describe('priorityScore', () => {
  it('explains an ordinary M1 case factor by factor', () => {
    const score = priorityScore(input());
    expect(score.breakdown.map((line) => [line.factor, line.points])).toEqual([
      ['balance', 150],
      ['age', 240],
      ['broken_promises', 0],
      ['recent_payment', 0],
    ]);
    expect(score.total).toBe(390);
    expect(score.callable).toBe(true);
    expect(score.breakdown[0]?.detail.zh).toContain('¥10,000.00');
    expect(score.breakdown[0]?.detail.en).toContain('CN¥10,000.00');
    expect(score.breakdown[1]?.detail.zh).toContain('逾期 15 天');
  });

  it('ranks an early case above an old one of the same balance', () => {
    const early = priorityScore(input({ daysPastDue: 10 })).total;
    const middle = priorityScore(input({ daysPastDue: 75 })).total;
    const late = priorityScore(input({ daysPastDue: 400 })).total;
    expect(early).toBeGreaterThan(middle);
    expect(middle).toBeGreaterThan(late);
  });

  it('adds points per broken promise up to the counted maximum', () => {
    expect(pointsOf(priorityScore(input({ brokenPromises: 2 })), 'broken_promises')).toBe(100);
    expect(pointsOf(priorityScore(input({ brokenPromises: 9 })), 'broken_promises')).toBe(150);
  });

  it('adds the risk signals that call for early work', () => {
    const score = priorityScore(
      input({ riskSignals: ['asset_transfer', 'lost_contact', 'multiple_lenders'] }),
    );
    expect(pointsOf(score, 'asset_transfer')).toBe(120);
    expect(pointsOf(score, 'lost_contact')).toBe(80);
    expect(pointsOf(score, 'multiple_lenders')).toBe(50);
    expect(score.total).toBe(390 + 250);
  });

  it('lowers urgency after a payment in the last 30 days', () => {
    const paidYesterday = priorityScore(input({ lastPaymentOn: addDays(asOf, -1) }));
    expect(pointsOf(paidYesterday, 'recent_payment')).toBe(-150);
    expect(paidYesterday.total).toBe(240);
    expect(pointsOf(priorityScore(input({ lastPaymentOn: addDays(asOf, -29) })), 'recent_payment')).toBe(
      -150,
    );
    expect(pointsOf(priorityScore(input({ lastPaymentOn: addDays(asOf, -30) })), 'recent_payment')).toBe(0);
    expect(pointsOf(priorityScore(input({ lastPaymentOn: addDays(asOf, 1) })), 'recent_payment')).toBe(0);
  });

  it('never takes the total below 0 for a recent payment', () => {
    const score = priorityScore(input({ balanceFen: 5_000, daysPastDue: 400, lastPaymentOn: asOf }));
    expect(pointsOf(score, 'recent_payment')).toBe(-30);
    expect(score.total).toBe(0);
  });

  it('makes a case with a complaint not callable without raising its priority', () => {
    const plain = priorityScore(input());
    const complained = priorityScore(input({ riskSignals: ['complaint'] }));
    expect(complained.total).toBe(plain.total);
    expect(complained.callable).toBe(false);
    expect(complained.notCallable.map((entry) => entry.signal)).toEqual(['complaint']);
    expect(complained.notCallable[0]?.text.zh).toContain('投诉');
  });

  it('makes a deceased or bankrupt debtor not callable', () => {
    const score = priorityScore(input({ riskSignals: ['bankruptcy', 'deceased'] }));
    expect(score.callable).toBe(false);
    expect(score.notCallable.map((entry) => entry.signal)).toEqual(['deceased', 'bankruptcy']);
  });

  it('takes custom weights', () => {
    const weights: PriorityWeights = {
      ...DEFAULT_PRIORITY_WEIGHTS,
      ageMaxPoints: 500,
      balanceMaxPoints: 100,
    };
    const score = priorityScore(input(), weights);
    expect(pointsOf(score, 'age')).toBe(400);
    expect(pointsOf(score, 'balance')).toBe(50);
  });

  it('refuses invalid weights and input', () => {
    expect(() => priorityScore(input(), { ...DEFAULT_PRIORITY_WEIGHTS, ageMaxPoints: 900 })).toThrow(
      /maximum_above_1000/,
    );
    expect(() => priorityScore(input({ balanceFen: -1 }))).toThrow(RangeError);
    expect(() => priorityScore(input({ brokenPromises: 1.5 }))).toThrow(RangeError);
    expect(() => priorityScore(input({ daysPastDue: Number.NaN }))).toThrow(RangeError);
  });
});

describe('validatePriorityWeights', () => {
  const problems = (weights: PriorityWeights) => {
    const result = validatePriorityWeights(weights);
    return result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`);
  };

  it('names every problem with its field', () => {
    expect(
      problems({
        ...DEFAULT_PRIORITY_WEIGHTS,
        balanceMaxPoints: -1,
        balanceCapFen: 10_000,
        recentPaymentWindowDays: 0,
        riskPoints: { lost_contact: 1.5, multiple_lenders: 0, asset_transfer: 0 },
      }),
    ).toEqual([
      'balanceMaxPoints:not_whole_number',
      'riskPoints.lost_contact:not_whole_number',
      'balanceCapFen:cap_not_above_floor',
      'recentPaymentWindowDays:window_not_positive',
    ]);
  });

  it('checks the recovery curve', () => {
    expect(problems({ ...DEFAULT_PRIORITY_WEIGHTS, recoveryCurve: [] })).toEqual([
      'recoveryCurve:curve_empty',
    ]);
    expect(
      problems({
        ...DEFAULT_PRIORITY_WEIGHTS,
        recoveryCurve: [
          { fromDay: 1, rateBp: 8000 },
          { fromDay: 1, rateBp: 12_000 },
        ],
      }),
    ).toEqual([
      'recoveryCurve[0].fromDay:curve_first_not_zero',
      'recoveryCurve[1].fromDay:curve_not_ascending',
      'recoveryCurve[1].rateBp:rate_out_of_range',
    ]);
  });

  it('refuses a zero floor and weights whose maximum exceeds 1000', () => {
    expect(problems({ ...DEFAULT_PRIORITY_WEIGHTS, balanceFloorFen: 0 })).toEqual([
      'balanceFloorFen:floor_not_positive',
    ]);
    expect(problems({ ...DEFAULT_PRIORITY_WEIGHTS, pointsPerBrokenPromise: 100 })).toEqual([
      '*:maximum_above_1000',
    ]);
  });

  it('explains problems in both languages', () => {
    const result = validatePriorityWeights({ ...DEFAULT_PRIORITY_WEIGHTS, balanceFloorFen: 0 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]?.text.zh).toMatch(HAN);
      expect(result.problems[0]?.text.en).not.toMatch(HAN);
    }
  });
});

const inputArb: fc.Arbitrary<PriorityInput> = fc.record({
  balanceFen: fc.nat({ max: 1_000_000_000 }),
  daysPastDue: fc.integer({ min: -10, max: 2_000 }),
  brokenPromises: fc.nat({ max: 10 }),
  lastPaymentOn: fc.option(
    fc.integer({ min: -60, max: 5 }).map((offset) => addDays(asOf, offset)),
    { nil: null },
  ),
  asOf: fc.constant(asOf),
  riskSignals: fc.uniqueArray(fc.constantFrom<RiskSignal>(...RISK_SIGNALS), { maxLength: 5 }),
});

const weightsArb: fc.Arbitrary<PriorityWeights> = fc
  .record({
    balanceMaxPoints: fc.nat({ max: 250 }),
    ageMaxPoints: fc.nat({ max: 250 }),
    pointsPerBrokenPromise: fc.nat({ max: 50 }),
    brokenPromisesCounted: fc.nat({ max: 3 }),
    recentPaymentDeduction: fc.nat({ max: 1000 }),
    lost: fc.nat({ max: 100 }),
    lenders: fc.nat({ max: 100 }),
    assets: fc.nat({ max: 100 }),
  })
  .map((w) => ({
    ...DEFAULT_PRIORITY_WEIGHTS,
    balanceMaxPoints: w.balanceMaxPoints,
    ageMaxPoints: w.ageMaxPoints,
    pointsPerBrokenPromise: w.pointsPerBrokenPromise,
    brokenPromisesCounted: w.brokenPromisesCounted,
    recentPaymentDeduction: w.recentPaymentDeduction,
    riskPoints: { lost_contact: w.lost, multiple_lenders: w.lenders, asset_transfer: w.assets },
  }));

describe('priorityScore properties', () => {
  it('is a whole number from 0 to 1000 and the breakdown adds up to it', () => {
    fc.assert(
      fc.property(inputArb, weightsArb, (caseInput, weights) => {
        const score = priorityScore(caseInput, weights);
        expect(Number.isInteger(score.total)).toBe(true);
        expect(score.total).toBeGreaterThanOrEqual(0);
        expect(score.total).toBeLessThanOrEqual(PRIORITY_MAX);
        expect(score.breakdown.reduce((sum, line) => sum + line.points, 0)).toBe(score.total);
        for (const line of score.breakdown) {
          expect(Number.isInteger(line.points)).toBe(true);
          expect(line.detail.zh).toMatch(HAN);
          expect(line.detail.en).not.toMatch(HAN);
        }
      }),
    );
  });

  it('never decreases when the balance grows', () => {
    fc.assert(
      fc.property(inputArb, fc.nat({ max: 1_000_000_000 }), weightsArb, (caseInput, more, weights) => {
        const lower = priorityScore(caseInput, weights).total;
        const higher = priorityScore(
          { ...caseInput, balanceFen: caseInput.balanceFen + more },
          weights,
        ).total;
        expect(higher).toBeGreaterThanOrEqual(lower);
      }),
    );
  });

  it('never decreases with one more broken promise', () => {
    fc.assert(
      fc.property(inputArb, weightsArb, (caseInput, weights) => {
        const before = priorityScore(caseInput, weights).total;
        const after = priorityScore(
          { ...caseInput, brokenPromises: caseInput.brokenPromises + 1 },
          weights,
        ).total;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('is never higher because of a complaint, and a complaint always makes the case not callable', () => {
    fc.assert(
      fc.property(inputArb, (caseInput) => {
        const without = (caseInput.riskSignals ?? []).filter((s) => s !== 'complaint');
        const plain = priorityScore({ ...caseInput, riskSignals: without });
        const complained = priorityScore({ ...caseInput, riskSignals: [...without, 'complaint'] });
        expect(complained.total).toBe(plain.total);
        expect(complained.callable).toBe(false);
      }),
    );
  });

  it('is never higher after a recent payment', () => {
    fc.assert(
      fc.property(inputArb, (caseInput) => {
        const none = priorityScore({ ...caseInput, lastPaymentOn: null }).total;
        expect(priorityScore({ ...caseInput, lastPaymentOn: asOf }).total).toBeLessThanOrEqual(none);
      }),
    );
  });
});
