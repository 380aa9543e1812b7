/**
 * The strategy segment as SQL (services/batch/strategy-sql.ts) equals `matchSegment` (domain/strategy.ts)
 * on the database engine, for random strategies and random cases: the first matching segment wins.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  matchSegment,
  RISK_LEVELS,
  type RiskLevel,
  type Segment,
  type SegmentCondition,
  type StrategyDefinition,
} from '../../src/domain/strategy';
import { segmentSql } from '../../src/services/batch/strategy-sql';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.drop();
});

const BUCKETS = ['M0', 'M1', 'M2', 'M3', 'M3+'];
const PORTFOLIO_A = '00000000-0000-7000-8000-00000000000a';
const PORTFOLIO_B = '00000000-0000-7000-8000-00000000000b';

const condition: fc.Arbitrary<SegmentCondition> = fc
  .record({
    buckets: fc.option(fc.subarray(BUCKETS, { minLength: 1 }), { nil: null }),
    classes: fc.option(fc.subarray([0, 1, 2, 3, 4] as (0 | 1 | 2 | 3 | 4)[], { minLength: 1 }), {
      nil: null,
    }),
    riskLevels: fc.option(fc.subarray([...RISK_LEVELS] as RiskLevel[], { minLength: 1 }), { nil: null }),
    balanceMinFen: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
    balanceSpan: fc.option(fc.integer({ min: 1, max: 5_000_000 }), { nil: null }),
  })
  .map(({ balanceSpan, ...rest }) => ({
    ...rest,
    balanceMaxFen: balanceSpan === null ? null : (rest.balanceMinFen ?? 0) + balanceSpan,
  }));

function segment(key: string, when: SegmentCondition): Segment {
  return {
    key,
    name: { zh: key, en: key },
    when,
    plan: { channels: ['call'], callEveryDays: 2, sms: null, scriptStage: null, escalations: [] },
  };
}

const strategy: fc.Arbitrary<StrategyDefinition> = fc
  .array(condition, { minLength: 0, maxLength: 8 })
  .map((conditions) => ({
    segments: [
      ...conditions.map((when, i) => segment(`s${i}`, when)),
      segment('rest', {
        buckets: null,
        classes: null,
        riskLevels: null,
        balanceMinFen: null,
        balanceMaxFen: null,
      }),
    ],
  }));

const facts = fc.record({
  portfolio: fc.constantFrom(PORTFOLIO_A, PORTFOLIO_B),
  bucket: fc.constantFrom(...BUCKETS),
  delinquencyClass: fc.constantFrom(null, 1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4 | null>,
  riskLevel: fc.constantFrom(...RISK_LEVELS) as fc.Arbitrary<RiskLevel>,
  balanceFen: fc.integer({ min: 0, max: 11_000_000 }),
});

describe('strategy segment in SQL', () => {
  it('picks the same segment as matchSegment, per portfolio', async () => {
    await fc.assert(
      fc.asyncProperty(
        strategy,
        strategy,
        fc.array(facts, { minLength: 1, maxLength: 40 }),
        async (a, b, cases) => {
          const expr = segmentSql(
            [
              { portfolioId: PORTFOLIO_A, version: 3, definition: a },
              { portfolioId: PORTFOLIO_B, version: 7, definition: b },
            ],
            {
              portfolioId: 'f.portfolio',
              bucket: 'f.bucket',
              delinquencyClass: 'f.cls',
              riskLevel: 'f.risk',
              balanceFen: 'f.balance',
            },
            1,
          );
          const rows = cases.map((c, n) => ({
            n,
            portfolio: c.portfolio,
            bucket: c.bucket,
            cls: c.delinquencyClass,
            risk: c.riskLevel,
            balance: c.balanceFen,
          }));
          const result = await tdb.store.sql.query<{ key: string; version: number }>(
            `SELECT ${expr.segmentKey} AS key, ${expr.version} AS version
           FROM jsonb_to_recordset($${expr.params.length + 1}::jsonb)
             AS f(n int, portfolio uuid, bucket text, cls smallint, risk text, balance bigint)
           ORDER BY f.n`,
            [...expr.params, JSON.stringify(rows)],
          );
          const expected = cases.map((c) => ({
            key: matchSegment(c.portfolio === PORTFOLIO_A ? a : b, c).segment.key,
            version: c.portfolio === PORTFOLIO_A ? 3 : 7,
          }));
          expect(result.rows.map((r) => ({ key: r.key, version: Number(r.version) }))).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives no segment to a portfolio without an active strategy', async () => {
    const expr = segmentSql(
      [],
      { portfolioId: 'x', bucket: 'x', delinquencyClass: 'x', riskLevel: 'x', balanceFen: 'x' },
      1,
    );
    const result = await tdb.store.sql.query<{ key: string | null }>(`SELECT ${expr.segmentKey} AS key`);
    expect(result.rows[0]?.key).toBeNull();
  });
});
