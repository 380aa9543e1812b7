/**
 * Import benchmark: `npm run bench` (options: --rows N, --pglite-rows N, --pg-url URL).
 *
 * 1. Generates the placement files (synthetic, deterministic) under bench/.work.
 * 2. Imports the large file into a fresh PostgreSQL database through the real importer (in a child
 *    process, so its peak memory is measured alone).
 * 3. Baseline, same run, same server: a raw COPY of the same data into the same tables. The rows the
 *    import wrote (debtors, phones, addresses, contacts, accounts, cases, bucket history) are exported
 *    and COPYed into a second fresh database with the same schema, indexes and constraints, in one
 *    transaction. Also reported: COPY of the accounts rows alone.
 * 4. Imports the smaller file into a fresh PGlite data folder, and compares with PostgreSQL.
 * Results are printed as Markdown and written to bench/.work/last-run.{md,json}.
 */
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { demoCsvStream } from '../src/services/demo/seed';
import { prepareDatabase } from '../src/services/setup';
import { openStore } from '../src/store/db';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'pglite-rows': { type: 'string', default: '100000' },
    'pg-url': {
      type: 'string',
      default: process.env.QINGSHOU_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});
const rows = Number(args.rows);
const pgliteRows = Number(args['pglite-rows']);
const baseUrl = args['pg-url'] as string;
const work = join(process.cwd(), 'bench', '.work');
mkdirSync(work, { recursive: true });
const stamp = Date.now().toString(36);

function dbUrl(name: string): string {
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: baseUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function placementFile(count: number): Promise<string> {
  const path = join(work, `placement-${count}.csv`);
  if (existsSync(path)) return path;
  process.stderr.write(`generating ${count} rows → ${path}\n`);
  await pipeline(
    demoCsvStream({ count, seed: 1, asOf: '2026-11-24', contractPrefix: 'BENCH-' }),
    createWriteStream(path),
  );
  return path;
}

interface WorkerResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
}

function runImport(file: string, env: Record<string, string>): WorkerResult {
  const r = spawnSync(process.execPath, ['bin/run-ts.mjs', 'bench/import-worker.ts', file, 'BENCH'], {
    env: { ...process.env, ...env, DATABASE_URL: env.DATABASE_URL ?? '' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`import worker failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as WorkerResult;
}

/** Tables the import writes, in foreign-key order, with the columns to copy (identity columns excluded). */
const TABLES: { name: string; columns: string }[] = [
  { name: 'portfolios', columns: '*' },
  { name: 'debtors', columns: '*' },
  { name: 'debtor_phones', columns: '*' },
  { name: 'debtor_addresses', columns: '*' },
  { name: 'contacts', columns: '*' },
  { name: 'accounts', columns: '*' },
  {
    name: 'cases',
    columns:
      'id, account_id, portfolio_id, debtor_id, stage, status, bucket, days_past_due, aged_on, assigned_collector_id, team_id, agency_id, priority, delinquency_class, risk_level, complaint_freeze, legal_hold, cease, deceased, bankruptcy, opened_at, closed_at, updated_at',
  },
  {
    name: 'bucket_history',
    columns: 'case_id, from_bucket, to_bucket, moved_on, days_past_due, reason, batch_id, created_at',
  },
];

async function exportTables(url: string): Promise<Map<string, { file: string; columns: string }>> {
  const files = new Map<string, { file: string; columns: string }>();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (const t of TABLES) {
      const file = join(work, `copy-${stamp}-${t.name}.tsv`);
      const cols =
        t.columns === '*'
          ? (
              await c.query<{ column_name: string }>(
                `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
                [t.name],
              )
            ).rows
              .map((r) => r.column_name)
              .join(', ')
          : t.columns;
      await pipeline(
        c.query(copyTo(`COPY (SELECT ${cols} FROM ${t.name}) TO STDOUT`)),
        createWriteStream(file),
      );
      files.set(t.name, { file, columns: cols });
    }
  } finally {
    await c.end();
  }
  return files;
}

async function copyIn(c: pg.Client, table: string, columns: string, file: string): Promise<void> {
  await pipeline(createReadStream(file), c.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
}

/** Raw COPY of the exported rows into a fresh database with the same schema; seconds for all tables. */
async function copyBaseline(files: Map<string, { file: string; columns: string }>) {
  const name = `qs_bench_copy_${stamp}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  try {
    const store = await openStore({ databaseUrl: dbUrl(name) });
    await prepareDatabase(store);
    await store.close();
    const c = new pg.Client({ connectionString: dbUrl(name) });
    await c.connect();
    try {
      await c.query('BEGIN');
      const perTable: Record<string, number> = {};
      const started = performance.now();
      for (const t of TABLES) {
        const f = files.get(t.name);
        if (!f) continue;
        const t0 = performance.now();
        await copyIn(c, t.name, f.columns, f.file);
        perTable[t.name] = (performance.now() - t0) / 1000;
      }
      const allSeconds = (performance.now() - started) / 1000;
      await c.query('COMMIT');
      return { allSeconds, accountsSeconds: perTable.accounts ?? Number.NaN, perTable };
    } finally {
      await c.end();
    }
  } finally {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

async function main() {
  const serverVersion = await admin(
    async (c) => (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version,
  );
  const big = await placementFile(rows);
  const small = await placementFile(pgliteRows);

  const pgName = `qs_bench_pg_${stamp}`;
  await admin((c) => c.query(`CREATE DATABASE ${pgName}`));
  let pgResult: WorkerResult;
  let baseline: Awaited<ReturnType<typeof copyBaseline>>;
  let pgSmall: WorkerResult;
  try {
    process.stderr.write(`PostgreSQL import of ${rows} rows …\n`);
    pgResult = runImport(big, { DATABASE_URL: dbUrl(pgName) });
    process.stderr.write('exporting the written rows for the COPY baseline …\n');
    const files = await exportTables(dbUrl(pgName));
    process.stderr.write('COPY baseline …\n');
    baseline = await copyBaseline(files);
    for (const f of files.values()) rmSync(f.file, { force: true });
  } finally {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`));
  }
  const pgSmallName = `qs_bench_pgs_${stamp}`;
  await admin((c) => c.query(`CREATE DATABASE ${pgSmallName}`));
  try {
    process.stderr.write(`PostgreSQL import of ${pgliteRows} rows …\n`);
    pgSmall = runImport(small, { DATABASE_URL: dbUrl(pgSmallName) });
  } finally {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${pgSmallName} WITH (FORCE)`));
  }
  const pgliteDir = join(work, `pglite-${stamp}`);
  process.stderr.write(`PGlite import of ${pgliteRows} rows …\n`);
  const pgliteResult = runImport(small, { QINGSHOU_DATA_DIR: pgliteDir });
  rmSync(pgliteDir, { recursive: true, force: true });

  const copyAllRate = rows / baseline.allSeconds;
  const copyAccountsRate = rows / baseline.accountsSeconds;
  const ratioAll = pgResult.rowsPerSecond / copyAllRate;
  const ratioAccounts = pgResult.rowsPerSecond / copyAccountsRate;
  const ratioPglite = pgliteResult.rowsPerSecond / pgResult.rowsPerSecond;
  const ok = (b: boolean) => (b ? 'pass' : 'FAIL');
  const cpu = os.cpus();
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const md = [
    `Run ${new Date().toISOString()} on ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB,`,
    `Node ${process.version}, PostgreSQL ${serverVersion}; file ${(statSync(big).size / 2 ** 20).toFixed(0)} MiB CSV.`,
    '',
    '| measurement | rows | seconds | rows/s |',
    '| --- | ---: | ---: | ---: |',
    `| import → PostgreSQL | ${fmt(pgResult.rows)} | ${pgResult.seconds.toFixed(1)} | ${fmt(pgResult.rowsPerSecond)} |`,
    `| raw COPY of the same rows into the same tables | ${fmt(rows)} | ${baseline.allSeconds.toFixed(1)} | ${fmt(copyAllRate)} |`,
    `| raw COPY of the accounts rows alone | ${fmt(rows)} | ${baseline.accountsSeconds.toFixed(1)} | ${fmt(copyAccountsRate)} |`,
    `| import → PostgreSQL (small file) | ${fmt(pgSmall.rows)} | ${pgSmall.seconds.toFixed(1)} | ${fmt(pgSmall.rowsPerSecond)} |`,
    `| import → PGlite (small file) | ${fmt(pgliteResult.rows)} | ${pgliteResult.seconds.toFixed(1)} | ${fmt(pgliteResult.rowsPerSecond)} |`,
    '',
    '| target | measured | verdict |',
    '| --- | ---: | --- |',
    `| import ≥ 50% of raw COPY into the same tables | ${(ratioAll * 100).toFixed(0)}% | ${ok(ratioAll >= 0.5)} |`,
    `| (for reference) import vs COPY into accounts alone | ${(ratioAccounts * 100).toFixed(0)}% | — |`,
    `| PGlite import ≥ 35% of the PostgreSQL import | ${(ratioPglite * 100).toFixed(0)}% | ${ok(ratioPglite >= 0.35)} |`,
    `| peak memory of the ${fmt(rows)}-row import < 500 MB | ${pgResult.peakRssMb.toFixed(0)} MB | ${ok(pgResult.peakRssMb < 500)} |`,
    '',
    `COPY seconds per table: ${Object.entries(baseline.perTable)
      .map(([t, s]) => `${t} ${s.toFixed(1)}`)
      .join(', ')}.`,
  ].join('\n');
  process.stdout.write(`${md}\n`);
  writeFileSync(join(work, 'last-run.md'), `${md}\n`);
  writeFileSync(
    join(work, 'last-run.json'),
    JSON.stringify(
      { rows, pgliteRows, pgResult, pgSmall, pgliteResult, baseline, ratioAll, ratioAccounts, ratioPglite },
      null,
      2,
    ),
  );
}

await main();
