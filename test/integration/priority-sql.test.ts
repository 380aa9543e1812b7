/**
 * The priority score as SQL (services/batch/priority-sql.ts) equals the pure score (domain/priority.ts)
 * on the database engine itself, for random cases and for weights other than the defaults.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import { DEFAULT_PRIORITY_WEIGHTS, type PriorityWeights, priorityScore } from '../../src/domain/priority';
import type { RiskSignal } from '../../src/domain/risk-signals';
import { RISK_SIGNALS } from '../../src/domain/risk-signals';
import { balanceSteps, priorityScoreSql } from '../../src/services/batch/priority-sql';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.drop();
});

interface Sample {
  balanceFen: number;
  daysPastDue: number;
  brokenPromises: number;
  lastPaymentDaysAgo: number | null;
  riskSignals: RiskSignal[];
}

const AS_OF = '2026-11-25';

const sample = fc.record({
  balanceFen: fc.oneof(
    fc.integer({ min: 0, max: 200_000_000 }),
    fc.constantFrom(0, 9_999, 10_000, 10_001, 99_999_999, 100_000_000, 100_000_001),
  ),
  daysPastDue: fc.integer({ min: -5, max: 800 }),
  brokenPromises: fc.integer({ min: 0, max: 9 }),
  lastPaymentDaysAgo: fc.option(fc.integer({ min: -3, max: 60 }), { nil: null }),
  riskSignals: fc.subarray([...RISK_SIGNALS]),
});

async function sqlScores(samples: Sample[], weights: PriorityWeights): Promise<number[]> {
  const expr = priorityScoreSql(
    {
      balanceFen: 's.balance',
      daysPastDue: 's.dpd',
      brokenPromises: 's.broken',
      lastPaymentOn: 's.last_paid',
      riskSignals: 's.signals',
      asOf: '$1',
    },
    2,
    weights,
  );
  const rows = samples.map((s) => ({
    balance: s.balanceFen,
    dpd: s.daysPastDue,
    broken: s.brokenPromises,
    last_paid: s.lastPaymentDaysAgo === null ? null : addDays(AS_OF, -s.lastPaymentDaysAgo),
    signals: s.riskSignals,
  }));
  const result = await tdb.store.sql.query<{ n: number; score: number }>(
    `SELECT s.n, ${expr.sql} AS score
     FROM jsonb_to_recordset($${2 + expr.params.length}::jsonb)
       AS s(n int, balance bigint, dpd int, broken int, last_paid date, signals text[])
     ORDER BY s.n`,
    [AS_OF, ...expr.params, JSON.stringify(rows.map((row, n) => ({ n, ...row })))],
  );
  return result.rows.map((row) => Number(row.score));
}

function pureScores(samples: Sample[], weights: PriorityWeights): number[] {
  return samples.map(
    (s) =>
      priorityScore(
        {
          balanceFen: s.balanceFen,
          daysPastDue: s.daysPastDue,
          brokenPromises: s.brokenPromises,
          lastPaymentOn: s.lastPaymentDaysAgo === null ? null : addDays(AS_OF, -s.lastPaymentDaysAgo),
          asOf: AS_OF,
          riskSignals: s.riskSignals,
        },
        weights,
      ).total,
  );
}

describe('priority score in SQL', () => {
  it('finds the balance steps where the points go up', () => {
    const steps = balanceSteps(DEFAULT_PRIORITY_WEIGHTS);
    expect(steps.points[0]).toBe(0);
    expect(steps.points.at(-1)).toBe(DEFAULT_PRIORITY_WEIGHTS.balanceMaxPoints);
    expect(steps.fromFen.length).toBe(steps.points.length - 1);
    for (let i = 1; i < steps.fromFen.length; i++) {
      expect(steps.fromFen[i]).toBeGreaterThan(steps.fromFen[i - 1] as number);
    }
  });

  it('equals the pure score for random cases (default weights)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sample, { minLength: 1, maxLength: 60 }), async (samples) => {
        expect(await sqlScores(samples, DEFAULT_PRIORITY_WEIGHTS)).toEqual(
          pureScores(samples, DEFAULT_PRIORITY_WEIGHTS),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('equals the pure score under other weights (coarse balance steps, another curve)', async () => {
    const weights: PriorityWeights = {
      ...DEFAULT_PRIORITY_WEIGHTS,
      balanceMaxPoints: 20,
      balanceFloorFen: 50_000,
      balanceCapFen: 5_000_000,
      ageMaxPoints: 500,
      recoveryCurve: [
        { fromDay: 0, rateBp: 2000 },
        { fromDay: 15, rateBp: 9000 },
        { fromDay: 60, rateBp: 4000 },
      ],
      pointsPerBrokenPromise: 30,
      brokenPromisesCounted: 5,
      recentPaymentDeduction: 400,
      recentPaymentWindowDays: 7,
      riskPoints: { lost_contact: 10, multiple_lenders: 0, asset_transfer: 200 },
    };
    await fc.assert(
      fc.asyncProperty(fc.array(sample, { minLength: 1, maxLength: 60 }), async (samples) => {
        expect(await sqlScores(samples, weights)).toEqual(pureScores(samples, weights));
      }),
      { numRuns: 30 },
    );
  });
});
