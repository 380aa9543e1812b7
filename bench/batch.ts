/**
 * Nightly batch benchmark: `node bin/run-ts.mjs bench/batch.ts [--accounts 1000000]` (also
 * `npm run bench -- batch`).
 *
 * On a fresh PostgreSQL database, generates the ledger in SQL (one portfolio; debtors, accounts and open
 * cases; first missed due dates spread over 0-400 days; 5% with a pending promise falling due; the default
 * strategy active), then, in the same run on the same server:
 * 0. the first night, which classifies every case for the first time (reported, not the target);
 * 1. baseline: one set-based `UPDATE cases SET aged_on = …` of a single column over every row;
 * 2. the nightly batch for the next day (promises, reclassification of the cases whose history changed,
 *    re-age + rescore + segment of every case, bucket moves, escalations, SMS, reminders, follow-ups),
 *    through `runNightlyBatch`;
 * 3. the same batch again for the same day (it must change nothing).
 * Target: the batch in no more than 2 × the baseline.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { defaultStrategy } from '../src/domain/strategy';
import { systemActor } from '../src/services/actor';
import { runNightlyBatch } from '../src/services/batch/nightly';
import { createPortfolio } from '../src/services/portfolios';
import { prepareDatabase } from '../src/services/setup';
import { openStore, type Store } from '../src/store/db';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    'pg-url': {
      type: 'string',
      default: process.env.QINGSHOU_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});
const accounts = Number(args.accounts);
const baseUrl = args['pg-url'] as string;

async function seed(store: Store): Promise<void> {
  await prepareDatabase(store);
  await createPortfolio(store, systemActor('bench'), { code: 'NIGHT', name: 'nightly batch benchmark' });
  const sql = store.sql;
  await sql.query(
    `INSERT INTO debtors (id_number, name)
     SELECT 'B' || lpad(g::text, 17, '0'), '测试' || g FROM generate_series(1, $1) g`,
    [accounts],
  );
  await sql.query(
    `INSERT INTO accounts (portfolio_id, debtor_id, contract_no, principal_fen, interest_fen, penalty_fen, fees_fen,
       balance_fen, first_missed_due_date)
     SELECT p.id, d.id, 'N' || d.id_number, 100000 + (g % 900)::int * 1000, 5000, 2000, 500,
       107500 + (g % 900)::int * 1000, date '2026-11-24' - (g % 400)::int
     FROM (SELECT id, id_number, row_number() OVER () AS g FROM debtors) d, portfolios p WHERE p.code = 'NIGHT'`,
  );
  await sql.query(
    `INSERT INTO cases (account_id, portfolio_id, debtor_id, bucket, days_past_due, aged_on)
     SELECT a.id, a.portfolio_id, a.debtor_id,
       CASE WHEN d = 0 THEN 'M0' WHEN d <= 30 THEN 'M1' WHEN d <= 60 THEN 'M2' WHEN d <= 90 THEN 'M3' ELSE 'M3+' END,
       d, date '2026-11-24'
     FROM (SELECT id, portfolio_id, debtor_id, date '2026-11-24' - first_missed_due_date AS d FROM accounts) a`,
  );
  await sql.query(
    `INSERT INTO promises (case_id, account_id, amount_fen, due_date, channel, created_at)
     SELECT c.id, c.account_id, 10000, date '2026-11-24', 'app', timestamptz '2026-11-20 10:00+08'
     FROM cases c WHERE c.days_past_due % 20 = 1`,
  );
  // The default strategy of a credit-card center, active, so the batch segments and escalates.
  const buckets = await sql.query<{ code: string }>(
    `SELECT e->>'code' AS code FROM portfolios p, jsonb_array_elements(p.bucket_config) e WHERE p.code = 'NIGHT'`,
  );
  await sql.query(
    `INSERT INTO strategies (portfolio_id, version, status, definition, note, activated_at)
     SELECT id, 1, 'active', $1, 'bench', now() FROM portfolios WHERE code = 'NIGHT'`,
    [JSON.stringify(defaultStrategy(buckets.rows.map((row) => row.code)))],
  );
  await sql.query('ANALYZE');
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
const name = `qs_bench_batch_${Date.now().toString(36)}`;
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(baseUrl);
url.pathname = `/${name}`;
const store = await openStore({ databaseUrl: url.toString() });
try {
  const seeded = await timed(() => seed(store));
  // The first night assesses every case (nothing was ever classified); measured, but not the target.
  const first = await timed(() => runNightlyBatch(store, { asOf: '2026-11-24' }));
  await store.sql.query('VACUUM ANALYZE');
  const baseline = await timed(() => store.sql.query(`UPDATE cases SET aged_on = date '2026-11-24' + 0`));
  await store.sql.query(`UPDATE cases SET aged_on = date '2026-11-24'`);
  await store.sql.query('VACUUM ANALYZE cases');
  const batch = await timed(() => runNightlyBatch(store, { asOf: '2026-11-25' }));
  const again = await timed(() => runNightlyBatch(store, { asOf: '2026-11-25' }));
  const ratio = batch.ms / baseline.ms;
  const server = await store.sql.query<{ server_version: string }>('SHOW server_version');
  console.log(
    [
      `Nightly batch benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'cpu'} (${os.cpus().length} vCPU), Node ${process.version}, PostgreSQL ${server.rows[0]?.server_version}`,
      '',
      `ledger: ${accounts.toLocaleString('en')} open cases (seeded in ${(seeded.ms / 1000).toFixed(1)} s)`,
      '',
      '| measurement | seconds | result |',
      '| --- | ---: | --- |',
      `| first night (every case classified for the first time) | ${(first.ms / 1000).toFixed(2)} | ${JSON.stringify(first.value.counts)} |`,
      `| baseline: UPDATE cases SET aged_on (one column, every row) | ${(baseline.ms / 1000).toFixed(2)} | |`,
      `| nightly batch for the next day | ${(batch.ms / 1000).toFixed(2)} | ${JSON.stringify(batch.value.counts)} |`,
      `| the same day again | ${(again.ms / 1000).toFixed(2)} | ${JSON.stringify(again.value.counts)} |`,
      '',
      `steps (ms): ${JSON.stringify(batch.value.timings)}`,
      `batch / baseline: ${ratio.toFixed(2)} × (target ≤ 2 ×): ${ratio <= 2 ? 'met' : 'NOT met'}`,
    ].join('\n'),
  );
} finally {
  await store.close();
  await admin
    .query(`DROP DATABASE IF EXISTS ${name}`)
    .catch(() => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  await admin.end();
}
