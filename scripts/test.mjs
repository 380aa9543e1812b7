#!/usr/bin/env node
/**
 * The whole test suite: unit tests, the store/service/API integration suite on PGlite and again on
 * PostgreSQL, and the browser journeys in Chromium.
 *
 * PostgreSQL (QINGSHOU_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test) and Chromium
 * (QINGSHOU_CHROMIUM, default /usr/bin/chromium) are used when present and skipped with a printed reason
 * when not, unless QINGSHOU_TEST_REQUIRE lists them (postgres, browser): then their absence fails the run.
 * CI sets QINGSHOU_TEST_REQUIRE=postgres,browser.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pg from 'pg';

const require = createRequire(import.meta.url);
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
const required = new Set(
  (process.env.QINGSHOU_TEST_REQUIRE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const pgUrl = process.env.QINGSHOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.QINGSHOU_CHROMIUM ?? '/usr/bin/chromium';
const extra = process.argv.slice(2);

const failures = [];
const skipped = [];

function run(title, args, env = {}) {
  process.stdout.write(`\n━━ ${title} ━━\n`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(title);
}

function unavailable(what, reason) {
  if (required.has(what)) {
    process.stdout.write(`\n✗ ${what} is required (QINGSHOU_TEST_REQUIRE) but unavailable: ${reason}\n`);
    failures.push(`${what} unavailable`);
  } else {
    process.stdout.write(`\n! skipping the ${what} suite: ${reason}\n`);
    skipped.push(`${what}: ${reason}`);
  }
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return `${pgUrl.replace(/:[^:@/]*@/, ':***@')} is not reachable (${e.message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

run('unit', [vitest, 'run', '--project', 'unit', ...extra]);
run('integration · PGlite', [vitest, 'run', '--project', 'integration', ...extra], {
  QINGSHOU_TEST_DB: 'pglite',
});

const pgProblem = await postgresReachable();
if (pgProblem) unavailable('postgres', pgProblem);
else {
  run('integration · PostgreSQL', [vitest, 'run', '--project', 'integration', ...extra], {
    QINGSHOU_TEST_DB: 'postgres',
    QINGSHOU_TEST_PG_URL: pgUrl,
  });
}

if (!existsSync(chromium)) unavailable('browser', `${chromium} not found (Debian: apt-get install chromium)`);
else {
  run('web build', [vite, 'build', '--logLevel', 'warn']);
  run('end-to-end · Chromium', [vitest, 'run', '--project', 'e2e', ...extra], {
    QINGSHOU_CHROMIUM: chromium,
  });
}

process.stdout.write('\n━━ summary ━━\n');
for (const s of skipped) process.stdout.write(`skipped  ${s}\n`);
if (failures.length > 0) {
  for (const f of failures) process.stdout.write(`FAILED   ${f}\n`);
  process.exit(1);
}
process.stdout.write('all suites passed\n');
