/**
 * The nightly batch on a real ledger: re-aging and bucket moves, promises decided from payments, the
 * reminder and follow-up tasks, idempotency (a second run for the same day changes nothing), the lock
 * and the schedule. `qingshou batch --json` is in cli.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors';
import { systemActor } from '../../src/services/actor';
import { runNightlyBatch } from '../../src/services/batch/nightly';
import { runDueBatch } from '../../src/services/batch/schedule';
import { importCases } from '../../src/services/import/import-cases';
import { createPortfolio } from '../../src/services/portfolios';
import type { Store } from '../../src/store/db';
import { tempDir, validRows, writeCsv } from '../helpers/files';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const IMPORTED_AT = new Date('2026-11-01T02:00:00Z');
const actor = systemActor('test');
let tdb: TestDatabase;
let store: Store;

interface CaseRow {
  id: string;
  account_id: string;
  bucket: string;
  days_past_due: number;
  first_missed_due_date: string;
}

async function casesOf(code: string): Promise<CaseRow[]> {
  const r = await store.sql.query<CaseRow>(
    `SELECT c.id, c.account_id, c.bucket, c.days_past_due, a.first_missed_due_date
     FROM cases c JOIN accounts a ON a.id = c.account_id JOIN portfolios p ON p.id = c.portfolio_id
     WHERE p.code = $1 ORDER BY c.case_no`,
    [code],
  );
  return r.rows;
}

async function addPromise(
  c: CaseRow,
  amountFen: number,
  dueDate: string,
  createdAt: string,
): Promise<string> {
  const r = await store.sql.query<{ id: string }>(
    `INSERT INTO promises (case_id, account_id, amount_fen, due_date, channel, created_at)
     VALUES ($1, $2, $3, $4, 'app', $5) RETURNING id`,
    [c.id, c.account_id, amountFen, dueDate, createdAt],
  );
  return r.rows[0]?.id as string;
}

async function addPayment(c: CaseRow, ref: string, amountFen: number, postedOn: string): Promise<void> {
  await store.sql.query(
    `INSERT INTO payments (portfolio_id, account_id, case_id, external_ref, amount_fen, paid_at, posted_on, channel,
       source, allocation)
     SELECT c.portfolio_id, c.account_id, c.id, $2, $3, $4::date + time '10:00', $4, 'app', 'manual',
       jsonb_build_object('feesFen', 0, 'penaltyFen', 0, 'interestFen', 0, 'principalFen', $3::bigint)
     FROM cases c WHERE c.id = $1`,
    [c.id, ref, amountFen, postedOn],
  );
}

const ZERO = {
  casesReaged: 0,
  bucketMoves: 0,
  casesReclassified: 0,
  segmentsChanged: 0,
  escalationsCreated: 0,
  smsQueued: 0,
  arrangementsCompleted: 0,
  arrangementsBroken: 0,
  placementsEnded: 0,
  casesAssigned: 0,
  promisesKept: 0,
  promisesPartlyKept: 0,
  promisesBroken: 0,
  remindersCreated: 0,
  followUpsCreated: 0,
};

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await createPortfolio(store, actor, { code: 'NB', name: '日终测试' });
  // Every row's first missed due date is 2026-10-31, so on 2026-11-01 all are 1 day past due (M1).
  const rows = validRows(40, { seed: 5, asOf: '2026-11-01' }).map((row) => ({
    ...row,
    due_date: '2026-10-31',
  }));
  const path = writeCsv(tempDir(), 'nb.csv', rows);
  const result = await importCases(
    store,
    { path },
    { portfolioCode: 'NB', acceptValid: false, actor, now: IMPORTED_AT },
  );
  expect(result.status).toBe('committed');
});
afterAll(async () => {
  await tdb.drop();
});

describe('the nightly batch', () => {
  it('re-ages every open case and records each bucket move once; the same day again changes nothing', async () => {
    const before = await casesOf('NB');
    expect(new Set(before.map((c) => c.bucket))).toEqual(new Set(['M1']));

    const first = await runNightlyBatch(store, { asOf: '2026-12-01', now: new Date('2026-11-30T16:30:00Z') });
    // 2026-10-31 → 2026-12-01 is 31 days: M2 for all 40.
    expect(first.counts).toMatchObject({ casesReaged: 40, bucketMoves: 40 });
    const after = await casesOf('NB');
    expect(after.every((c) => c.days_past_due === 31 && c.bucket === 'M2')).toBe(true);
    const moves = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bucket_history WHERE reason = 'aging' AND moved_on = '2026-12-01'
         AND from_bucket = 'M1' AND to_bucket = 'M2'`,
    );
    expect(moves.rows[0]?.n).toBe(40);

    const again = await runNightlyBatch(store, { asOf: '2026-12-01' });
    expect(again.counts).toEqual(ZERO);
    // Even when the rows are written again (here: every stored priority is off), no move is recorded twice.
    await store.sql.query(`UPDATE cases SET priority = priority + 1`);
    const rewritten = await runNightlyBatch(store, { asOf: '2026-12-01' });
    expect(rewritten.counts).toMatchObject({ casesReaged: 40, bucketMoves: 0 });
    const movesAgain = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bucket_history WHERE reason = 'aging' AND moved_on = '2026-12-01'`,
    );
    expect(movesAgain.rows[0]?.n).toBe(40);

    // The next day moves days past due but no bucket.
    const next = await runNightlyBatch(store, { asOf: '2026-12-02' });
    expect(next.counts).toMatchObject({ casesReaged: 40, bucketMoves: 0 });
  });

  it('decides promises from payments: kept, partly kept, broken; reminders the day before; follow-ups once', async () => {
    const [a, b, c, d] = await casesOf('NB');
    if (!a || !b || !c || !d) throw new Error('cases missing');
    const kept = await addPromise(a, 50_000, '2026-12-05', '2026-12-02T03:00:00Z');
    const partly = await addPromise(b, 50_000, '2026-12-05', '2026-12-02T03:00:00Z');
    const broken = await addPromise(c, 50_000, '2026-12-05', '2026-12-02T03:00:00Z');
    const later = await addPromise(d, 20_000, '2026-12-08', '2026-12-02T03:00:00Z');
    await addPayment(a, 'BANK-A-1', 30_000, '2026-12-03');
    await addPayment(a, 'BANK-A-2', 20_000, '2026-12-05');
    await addPayment(b, 'BANK-B-1', 10_000, '2026-12-04');
    // Paid after the due date: does not keep the promise (no grace).
    await addPayment(c, 'BANK-C-1', 50_000, '2026-12-06');

    const eve = await runNightlyBatch(store, { asOf: '2026-12-04' });
    expect(eve.counts).toMatchObject({ remindersCreated: 3, promisesKept: 0, promisesBroken: 0 });
    expect((await runNightlyBatch(store, { asOf: '2026-12-04' })).counts).toEqual(ZERO);

    const day = await runNightlyBatch(store, { asOf: '2026-12-06' });
    expect(day.counts).toMatchObject({
      promisesKept: 1,
      promisesPartlyKept: 1,
      promisesBroken: 1,
      followUpsCreated: 2,
    });
    const statuses = await store.sql.query<{ id: string; status: string; paid_fen: number }>(
      'SELECT id, status, paid_fen FROM promises WHERE id = ANY($1::uuid[])',
      [[kept, partly, broken, later]],
    );
    const byId = new Map(statuses.rows.map((row) => [row.id, row]));
    expect(byId.get(kept)).toMatchObject({ status: 'kept', paid_fen: 50_000 });
    expect(byId.get(partly)).toMatchObject({ status: 'partly_kept', paid_fen: 10_000 });
    expect(byId.get(broken)).toMatchObject({ status: 'broken', paid_fen: 0 });
    expect(byId.get(later)).toMatchObject({ status: 'pending' });

    const followUps = await store.sql.query<{
      case_id: string;
      follow_up_at: Date | null;
      broken_promises: number;
    }>(
      `SELECT t.case_id, c.follow_up_at, c.broken_promises FROM tasks t JOIN cases c ON c.id = t.case_id
       WHERE t.kind = 'promise_follow_up' ORDER BY t.case_id`,
    );
    expect(followUps.rows.map((row) => row.case_id).sort()).toEqual([b.id, c.id].sort());
    expect(followUps.rows.every((row) => row.follow_up_at !== null)).toBe(true);
    expect(followUps.rows.find((row) => row.case_id === c.id)?.broken_promises).toBe(1);

    const again = await runNightlyBatch(store, { asOf: '2026-12-06' });
    expect(again.counts).toEqual(ZERO);

    // With two days' grace, a later payment still counts: a promise due 12-08 paid on 12-10 is kept.
    await addPayment(d, 'BANK-D-1', 20_000, '2026-12-10');
    const graced = await runNightlyBatch(store, { asOf: '2026-12-11', promiseGraceDays: 2 });
    expect(graced.counts).toMatchObject({ promisesKept: 1, promisesBroken: 0 });
  });

  it('refuses a bad date naming the field, and records every run', async () => {
    await expect(runNightlyBatch(store, { asOf: '2026-13-01' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'asOf' },
    });
    const runs = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM batch_runs WHERE status = 'done'`,
    );
    expect(runs.rows[0]?.n).toBeGreaterThanOrEqual(7);
  });

  it.runIf(process.env.QINGSHOU_TEST_DB === 'postgres')(
    'a second node cannot run the batch while one is running',
    async () => {
      await store.transaction(async ({ sql }) => {
        await sql.query('SELECT pg_advisory_xact_lock(7250411002)');
        const other = await runNightlyBatch(store, { asOf: '2026-12-20' }).catch((e: unknown) => e);
        expect(other).toBeInstanceOf(AppError);
        expect((other as AppError).code).toBe('BATCH_RUNNING');
      });
    },
  );

  it('the schedule runs a day once, after its start time, in the center time zone', async () => {
    const at = (iso: string) => () => new Date(iso);
    // 00:10 in Shanghai: too early.
    expect(await runDueBatch(store, { timeZone: 'Asia/Shanghai', now: at('2026-12-21T16:10:00Z') })).toBe(
      false,
    );
    expect(await runDueBatch(store, { timeZone: 'Asia/Shanghai', now: at('2026-12-21T16:40:00Z') })).toBe(
      true,
    );
    expect(await runDueBatch(store, { timeZone: 'Asia/Shanghai', now: at('2026-12-21T18:00:00Z') })).toBe(
      false,
    );
  });
});
