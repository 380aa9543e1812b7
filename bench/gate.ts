/**
 * Contact-gate benchmark: `node bin/run-ts.mjs bench/gate.ts [--seconds 20] [--clients 32] [--cases 2000]`.
 *
 * On a fresh PostgreSQL database with a demo portfolio, 32 concurrent clients ask the gate to reserve
 * calls (check + reserve in the ledger, as collectors and dialers do) for random cases; in the same
 * run the same pool answers primary-key SELECTs of cases as the baseline. Then the same gate load on
 * an embedded PGlite data folder. Prints decisions/s and latency percentiles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { systemActor } from '../src/services/actor';
import { reserveContact } from '../src/services/contact-gate';
import { demoCsvStream } from '../src/services/demo/seed';
import { importCases } from '../src/services/import/import-cases';
import { createPortfolio } from '../src/services/portfolios';
import { prepareDatabase } from '../src/services/setup';
import { openStore, type Store } from '../src/store/db';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '32' },
    cases: { type: 'string', default: '2000' },
    'pg-url': {
      type: 'string',
      default: process.env.QINGSHOU_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});
const seconds = Number(args.seconds);
const clients = Number(args.clients);
const caseCount = Number(args.cases);
const baseUrl = args['pg-url'] as string;
const actor = systemActor('bench-dialer');

async function seed(store: Store): Promise<{ id: string; phone: string }[]> {
  await prepareDatabase(store);
  await createPortfolio(store, actor, { code: 'GATE', name: 'gate benchmark' });
  await importCases(
    store,
    {
      stream: demoCsvStream({ count: caseCount, seed: 3, asOf: '2026-11-24', contractPrefix: 'GB-' }),
      fileName: 'gate.csv',
    },
    { portfolioCode: 'GATE', acceptValid: false, actor, now: new Date('2026-11-24T02:00:00Z') },
  );
  const r = await store.sql.query<{ id: string; phone: string }>(
    `SELECT c.id, (SELECT number FROM debtor_phones WHERE debtor_id = c.debtor_id LIMIT 1) AS phone FROM cases c`,
  );
  return r.rows;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Runs `clients` loops of `op` for `seconds`; returns operations per second and latencies in ms. */
async function load(op: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const i = n++;
        const t = performance.now();
        await op(i);
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
    count: latencies.length,
  };
}

/** Decisions made and allowed, over both gate loads. */
const tally = { decided: 0, allowed: 0 };

function gateOp(store: Store, cases: { id: string; phone: string }[]) {
  // Each case is asked for 4 calls a day, spread over 09:00-19:00, day after day: the 4th is refused
  // (at most 3 calls a day that are or may become conversations), so the ledger fills the way a working
  // week does and a quarter of the decisions are refusals, however many decisions the run gets through.
  const base = Date.parse('2026-11-24T01:00:00Z'); // 09:00 in Shanghai
  const perDay = cases.length * 4;
  return (i: number) => {
    const c = cases[(i * 7919) % cases.length] as { id: string; phone: string };
    const day = Math.floor(i / perDay);
    const now = new Date(base + day * 86_400_000 + Math.floor(((i % perDay) * 36_000_000) / perDay));
    return reserveContact(
      store,
      actor,
      { caseId: c.id, channel: 'call', party: 'debtor', phone: c.phone },
      now,
    ).then((decision) => {
      tally.decided++;
      if (decision.allowed) tally.allowed++;
    });
  };
}

async function main() {
  const name = `qs_bench_gate_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let pgGate: Awaited<ReturnType<typeof load>>;
  let pkSelect: Awaited<ReturnType<typeof load>>;
  try {
    const store = await openStore({ databaseUrl: url.toString(), poolSize: clients });
    const cases = await seed(store);
    pkSelect = await load((i) =>
      store.sql.query('SELECT * FROM cases WHERE id = $1', [
        (cases[(i * 7919) % cases.length] as { id: string }).id,
      ]),
    );
    pgGate = await load(gateOp(store, cases));
    await store.close();
  } finally {
    // pool.end() resolves before its connections have gone: a plain DROP waits for them (FORCE would
    // cut them off, and each would report a lost connection); FORCE only for a run that failed midway.
    await admin
      .query(`DROP DATABASE IF EXISTS ${name}`)
      .catch(() => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    await admin.end();
  }
  const dir = mkdtempSync(join(os.tmpdir(), 'qs-gate-'));
  let pgliteGate: Awaited<ReturnType<typeof load>>;
  try {
    const store = await openStore({ dataDir: dir });
    const cases = await seed(store);
    pgliteGate = await load(gateOp(store, cases));
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const f = (n: number) => n.toFixed(1);
  const lines = [
    `${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}; ${clients} clients, ${seconds} s each, ${caseCount} cases; ${Math.round((100 * tally.allowed) / tally.decided)}% of the gate's decisions allowed.`,
    '',
    '| measurement | per second | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: |',
    `| primary-key SELECT (PostgreSQL pool) | ${Math.round(pkSelect.perSecond)} | ${f(pkSelect.p50)} | ${f(pkSelect.p99)} |`,
    `| gate check + reserve (PostgreSQL) | ${Math.round(pgGate.perSecond)} | ${f(pgGate.p50)} | ${f(pgGate.p99)} |`,
    `| gate check + reserve (PGlite) | ${Math.round(pgliteGate.perSecond)} | ${f(pgliteGate.p50)} | ${f(pgliteGate.p99)} |`,
    '',
    `| target | measured | verdict |`,
    '| --- | ---: | --- |',
    `| ≥ 2,000 decisions/s on PostgreSQL | ${Math.round(pgGate.perSecond)} | ${pgGate.perSecond >= 2000 ? 'pass' : 'FAIL'} |`,
    `| p99 ≤ 3 × p99 of a primary-key SELECT | ${f(pgGate.p99 / pkSelect.p99)} × | ${pgGate.p99 <= 3 * pkSelect.p99 ? 'pass' : 'FAIL'} |`,
    `| ≥ 500 decisions/s on PGlite | ${Math.round(pgliteGate.perSecond)} | ${pgliteGate.perSecond >= 500 ? 'pass' : 'FAIL'} |`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
