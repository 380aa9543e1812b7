/**
 * The nightly batch applies the strategy: every open case gets its class (when its history changed or it
 * was never assessed), its priority and its segment as the pure rules give them; escalations become
 * tasks once; SMS go to the outbox by the segment's cadence; a second run for the same day changes
 * nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import { matchSegment, type StrategyDefinition } from '../../src/domain/strategy';
import { systemActor } from '../../src/services/actor';
import { runNightlyBatch } from '../../src/services/batch/nightly';
import { loadCaseFacts, scoreFacts } from '../../src/services/case-assessment';
import { importCases } from '../../src/services/import/import-cases';
import { createPortfolio } from '../../src/services/portfolios';
import type { Store } from '../../src/store/db';
import { tempDir, validRows, writeCsv } from '../helpers/files';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const actor = systemActor('test');
const DAY = '2026-11-10';
let tdb: TestDatabase;
let store: Store;
let portfolioId: string;
let familyId: string;

const plan = (extra: Partial<StrategyDefinition['segments'][number]['plan']> = {}) => ({
  channels: ['call'] as ('call' | 'sms' | 'letter' | 'visit')[],
  callEveryDays: 2,
  sms: null,
  scriptStage: null,
  escalations: [],
  ...extra,
});

function definition(): StrategyDefinition {
  return {
    segments: [
      {
        key: 'early',
        name: { zh: '早期', en: 'Early' },
        when: { buckets: ['M1'], classes: null, riskLevels: null, balanceMinFen: null, balanceMaxFen: null },
        plan: plan({
          channels: ['call', 'sms'],
          sms: { templateFamilyId: familyId, everyDays: 3 },
          escalations: [
            { id: 'letter-2bp', action: 'letter', afterBrokenPromises: 2, afterDaysPastDue: null },
          ],
        }),
      },
      {
        key: 'late',
        name: { zh: '后期', en: 'Late' },
        when: {
          buckets: ['M2', 'M3', 'M3+'],
          classes: null,
          riskLevels: null,
          balanceMinFen: null,
          balanceMaxFen: null,
        },
        plan: plan({
          escalations: [{ id: 'visit-60', action: 'visit', afterBrokenPromises: null, afterDaysPastDue: 60 }],
        }),
      },
      {
        key: 'rest',
        name: { zh: '其他', en: 'Other' },
        when: { buckets: null, classes: null, riskLevels: null, balanceMinFen: null, balanceMaxFen: null },
        plan: plan(),
      },
    ],
  };
}

interface CaseRow {
  id: string;
  account_id: string;
  bucket: string;
  days_past_due: number;
  segment_key: string | null;
  strategy_version: number | null;
  priority: number;
  classified_on: string | null;
  delinquency_class: number | null;
}

async function openCases(): Promise<CaseRow[]> {
  const result = await store.sql.query<CaseRow>(
    `SELECT id, account_id, bucket, days_past_due, segment_key, strategy_version, priority,
       to_char(classified_on, 'YYYY-MM-DD') AS classified_on, delinquency_class
     FROM cases WHERE portfolio_id = $1 AND status = 'open' ORDER BY id`,
    [portfolioId],
  );
  return result.rows;
}

async function countOf(text: string, params: unknown[] = []): Promise<number> {
  const result = await store.sql.query<{ n: number }>(text, params);
  return Number(result.rows[0]?.n ?? 0);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  const portfolio = await createPortfolio(store, actor, { code: 'ST', name: '策略测试' });
  portfolioId = portfolio.id;
  const path = writeCsv(tempDir(), 'st.csv', validRows(80, { seed: 11, asOf: DAY }));
  const result = await importCases(
    store,
    { path },
    { portfolioCode: 'ST', acceptValid: false, actor, now: new Date('2026-11-09T02:00:00Z') },
  );
  expect(result.status).toBe('committed');
  const template = await store.sql.query<{ family_id: string }>(
    `INSERT INTO templates (family_id, portfolio_id, kind, name, body, status, version, author_name, published_at)
     VALUES (uuid_v7(), $1, 'sms', '还款提醒', '【示例银行】{{debtorName}}您好，您的账户已逾期，请通过官方渠道还款。', 'published', 1, 'test', now())
     RETURNING family_id`,
    [portfolioId],
  );
  familyId = template.rows[0]?.family_id as string;
  await store.sql.query(
    `INSERT INTO strategies (portfolio_id, version, status, definition, note, activated_at)
     VALUES ($1, 1, 'active', $2, 'test', now())`,
    [portfolioId, JSON.stringify(definition())],
  );
});
afterAll(async () => {
  await tdb.drop();
});

describe('the nightly batch applies the strategy', () => {
  it('classifies, scores and segments every open case as the pure rules do, once', async () => {
    const run = await runNightlyBatch(store, { asOf: DAY, now: new Date('2026-11-09T17:00:00Z') });
    const cases = await openCases();
    expect(cases.length).toBeGreaterThan(40);
    expect(run.counts.casesReclassified).toBe(cases.length);
    expect(run.counts.segmentsChanged).toBe(cases.length);

    const facts = await loadCaseFacts(
      store.sql,
      cases.map((c) => c.id),
      DAY,
    );
    const def = definition();
    for (const c of cases) {
      const fact = facts.get(c.id);
      if (!fact) throw new Error('missing facts');
      expect(c.classified_on).toBe(DAY);
      expect(c.strategy_version).toBe(1);
      const cls = c.delinquency_class as 1 | 2 | 3 | 4 | null;
      expect(c.segment_key).toBe(
        matchSegment(def, {
          bucket: c.bucket,
          delinquencyClass: cls,
          riskLevel: fact.riskLevel,
          balanceFen: fact.balanceFen,
        }).segment.key,
      );
      expect(c.priority).toBe(scoreFacts(fact, DAY).total);
      expect(c.priority).toBeGreaterThan(0);
    }

    // Visits for the late cases at 60 days or more; SMS to every early case with a usable mobile number.
    const lateOver60 = cases.filter((c) => c.segment_key === 'late' && c.days_past_due >= 60).length;
    expect(lateOver60).toBeGreaterThan(0);
    expect(run.counts.escalationsCreated).toBe(lateOver60);
    expect(await countOf(`SELECT count(*)::int AS n FROM tasks WHERE kind = 'visit'`)).toBe(lateOver60);
    const earlyWithPhone = await countOf(
      `SELECT count(*)::int AS n FROM cases c WHERE c.portfolio_id = $1 AND c.status = 'open' AND c.segment_key = 'early'
         AND EXISTS (SELECT 1 FROM debtor_phones d WHERE d.debtor_id = c.debtor_id AND d.type = 'mobile' AND d.validity <> 'invalid')`,
      [portfolioId],
    );
    expect(earlyWithPhone).toBeGreaterThan(0);
    expect(run.counts.smsQueued).toBe(earlyWithPhone);
    const queued = await store.sql.query<{ status: string; body: string }>(
      `SELECT status, body FROM sms_outbox`,
    );
    expect(queued.rows.every((row) => row.status === 'queued' && row.body.includes('官方渠道'))).toBe(true);

    // The same day again: nothing.
    const again = await runNightlyBatch(store, { asOf: DAY, now: new Date('2026-11-09T18:00:00Z') });
    expect(again.counts).toMatchObject({
      casesReaged: 0,
      bucketMoves: 0,
      casesReclassified: 0,
      segmentsChanged: 0,
      escalationsCreated: 0,
      smsQueued: 0,
    });
  });

  it('sends the next SMS by the cadence and escalates after the second broken promise', async () => {
    const early = (await openCases()).filter((c) => c.segment_key === 'early' && c.days_past_due <= 20);
    const target = early[0];
    if (!target) throw new Error('no early case');
    for (const [n, due] of [addDays(DAY, 1), addDays(DAY, 2)].entries()) {
      await store.sql.query(
        `INSERT INTO promises (case_id, account_id, amount_fen, due_date, channel, created_at)
         VALUES ($1, $2, 50000, $3, 'app', $4)`,
        [target.id, target.account_id, due, new Date(`2026-11-09T0${n + 3}:00:00Z`)],
      );
    }
    const day1 = await runNightlyBatch(store, { asOf: addDays(DAY, 1) });
    // Only cases that entered the segment that day get one (the cadence counts from the day of entry).
    const day1Sms = await store.sql.query<{ since: string }>(
      `SELECT to_char(c.segment_since, 'YYYY-MM-DD') AS since FROM sms_outbox o JOIN cases c ON c.id = o.case_id
       WHERE o.source_key LIKE '%:' || $1`,
      [addDays(DAY, 1)],
    );
    expect(day1Sms.rows.length).toBe(day1.counts.smsQueued);
    expect(day1Sms.rows.every((row) => row.since === addDays(DAY, 1))).toBe(true);
    const day2 = await runNightlyBatch(store, { asOf: addDays(DAY, 2) });
    expect(day2.counts.promisesBroken).toBe(1);
    expect(await countOf(`SELECT count(*)::int AS n FROM tasks WHERE kind = 'letter'`)).toBe(0);
    const day3 = await runNightlyBatch(store, { asOf: addDays(DAY, 3) });
    expect(day3.counts.promisesBroken).toBe(1);
    const targetSms = await store.sql.query<{ source_key: string }>(
      `SELECT source_key FROM sms_outbox WHERE case_id = $1 ORDER BY source_key`,
      [target.id],
    );
    expect(targetSms.rows.map((row) => row.source_key.slice(-10))).toEqual([DAY, addDays(DAY, 3)]);
    const letters = await store.sql.query<{ case_id: string; payload: { brokenPromises: number } }>(
      `SELECT case_id, payload FROM tasks WHERE kind = 'letter'`,
    );
    expect(letters.rows).toHaveLength(1);
    expect(letters.rows[0]).toMatchObject({ case_id: target.id, payload: { brokenPromises: 2 } });
    const again = await runNightlyBatch(store, { asOf: addDays(DAY, 3) });
    expect(again.counts.escalationsCreated).toBe(0);
    expect(again.counts.smsQueued).toBe(0);
  });

  it('after missed nights no case that crossed an escalation threshold meanwhile is left out', async () => {
    const run = await runNightlyBatch(store, { asOf: addDays(DAY, 10) });
    expect(run.counts.escalationsCreated).toBeGreaterThan(0);
    const missing = await countOf(
      `SELECT count(*)::int AS n FROM cases c
       WHERE c.portfolio_id = $1 AND c.status = 'open' AND c.segment_key = 'late' AND c.days_past_due >= 60
         AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.kind = 'visit')`,
      [portfolioId],
    );
    expect(missing).toBe(0);
  });
});
