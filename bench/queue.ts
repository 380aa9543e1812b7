/**
 * "Next case" benchmark: `node bin/run-ts.mjs bench/queue.ts [--cases 100000] [--seconds 15]` (also
 * `npm run bench -- queue`).
 *
 * On a fresh PostgreSQL database: a portfolio of --cases open cases (generated in SQL) assigned to 100
 * collectors, a tenth of the cases with three conversations today (so the gate skips them, and the queue
 * caches that); then 50 concurrent clients ask `nextCase` for random collectors for --seconds, and the
 * same again with every case assigned to one collector (the worst case: the whole portfolio in one
 * queue). Target: p99 under 50 ms at 50 concurrent requests.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type Actor, systemActor } from '../src/services/actor';
import { createPortfolio } from '../src/services/portfolios';
import { nextCase } from '../src/services/queue';
import { prepareDatabase } from '../src/services/setup';
import { openStore, type Store } from '../src/store/db';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '15' },
    clients: { type: 'string', default: '50' },
    'pg-url': {
      type: 'string',
      default: process.env.QINGSHOU_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});
const caseCount = Number(args.cases);
const seconds = Number(args.seconds);
const clients = Number(args.clients);
const NOW = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai
const COLLECTORS = 100;

async function seed(store: Store): Promise<string[]> {
  await prepareDatabase(store);
  await createPortfolio(store, systemActor('bench'), { code: 'QUEUE', name: 'queue benchmark' });
  const sql = store.sql;
  await sql.query(
    `INSERT INTO users (username, display_name, password_hash, role)
     SELECT 'bench' || g, '坐席' || g, 'x', 'collector' FROM generate_series(1, ${COLLECTORS}) g`,
  );
  await sql.query(
    `INSERT INTO debtors (id_number, name) SELECT 'Q' || lpad(g::text, 17, '0'), '客户' || g FROM generate_series(1, $1) g`,
    [caseCount],
  );
  await sql.query(
    `INSERT INTO debtor_phones (debtor_id, number) SELECT id, '139' || lpad((row_number() OVER ())::text, 8, '0') FROM debtors`,
  );
  await sql.query(
    `INSERT INTO accounts (portfolio_id, debtor_id, contract_no, principal_fen, balance_fen, first_missed_due_date)
     SELECT p.id, d.id, 'Q' || d.id_number, 100000, 100000, date '2026-11-24' - 1 - (row_number() OVER ())::int % 200
     FROM debtors d, portfolios p WHERE p.code = 'QUEUE'`,
  );
  await sql.query(
    `WITH collectors AS (SELECT id, row_number() OVER (ORDER BY username) - 1 AS k FROM users WHERE username LIKE 'bench%')
     INSERT INTO cases (account_id, portfolio_id, debtor_id, bucket, days_past_due, aged_on, priority, assigned_collector_id)
     SELECT a.id, a.portfolio_id, a.debtor_id, 'M1', 10, date '2026-11-24', (a.n * 7919) % 1000, col.id
     FROM (SELECT id, portfolio_id, debtor_id, row_number() OVER () AS n FROM accounts) a
     JOIN collectors col ON col.k = a.n % ${COLLECTORS}`,
  );
  await sql.query(
    `INSERT INTO contact_attempts (case_id, account_id, debtor_id, party, person_id, channel, actor_kind, actor_name, at,
       status, outcome)
     SELECT c.id, c.account_id, c.debtor_id, 'debtor', c.debtor_id, 'call', 'collector', 'bench',
       timestamptz '2026-11-24 09:00+08' + (k || ' minutes')::interval, 'completed', 'conversation'
     FROM cases c, generate_series(1, 3) k WHERE (c.case_no / ${COLLECTORS}) % 10 = 0`,
  );
  await sql.query('VACUUM ANALYZE');
  const users = await sql.query<{ id: string }>(
    `SELECT id FROM users WHERE username LIKE 'bench%' ORDER BY username`,
  );
  return users.rows.map((r) => r.id);
}

function collector(userId: string): Actor {
  return {
    kind: 'user',
    userId,
    username: 'bench',
    displayName: 'bench',
    role: 'collector',
    teamId: null,
    agencyId: null,
    collectorScope: 'own',
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function load(store: Store, pick: (i: number) => string) {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let n = 0;
  let served = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const i = n++;
        const t = performance.now();
        const answer = await nextCase(store, collector(pick(i)), NOW);
        if (answer.next) served++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    served: served / latencies.length,
  };
}

const admin = new pg.Client({ connectionString: args['pg-url'] as string });
await admin.connect();
const name = `qs_bench_queue_${Date.now().toString(36)}`;
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(args['pg-url'] as string);
url.pathname = `/${name}`;
// The server's own pool size: requests beyond it wait for a connection, as they would in production.
const store = await openStore({ databaseUrl: url.toString() });
try {
  const collectors = await seed(store);
  const spread = await load(store, (i) => collectors[(i * 37) % collectors.length] as string);
  await store.sql.query('UPDATE cases SET assigned_collector_id = $1, next_contact_at = NULL', [
    collectors[0],
  ]);
  await store.sql.query('VACUUM ANALYZE cases');
  const one = await load(store, () => collectors[0] as string);
  const row = (label: string, r: Awaited<ReturnType<typeof load>>) =>
    `| ${label} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.served * 100).toFixed(0)}% |`;
  console.log(
    [
      `Next-case benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'cpu'} (${os.cpus().length} vCPU), Node ${process.version}`,
      '',
      `${caseCount.toLocaleString('en')} open cases; ${clients} concurrent clients, ${seconds} s per load`,
      '',
      '| load | requests/s | p50 ms | p99 ms | answered with a case |',
      '| --- | ---: | ---: | ---: | ---: |',
      row(`${COLLECTORS} collectors, ${(caseCount / COLLECTORS).toLocaleString('en')} cases each`, spread),
      row(`one collector with all ${caseCount.toLocaleString('en')} cases`, one),
      '',
      `target: p99 < 50 ms — ${spread.p99 < 50 && one.p99 < 50 ? 'met' : 'NOT met'}`,
    ].join('\n'),
  );
} finally {
  await store.close();
  await admin
    .query(`DROP DATABASE IF EXISTS ${name}`)
    .catch(() => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  await admin.end();
}
