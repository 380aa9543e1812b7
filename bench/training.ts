/**
 * Training simulator benchmark: `node bin/run-ts.mjs bench/training.ts [--seeds 20] [--api-calls 40]`
 * (also `npm run bench -- training`).
 *
 * 1. Engine: every scenario's strong-collector script (test/fixtures/training) played with --seeds seeds;
 *    each `takeTurn` timed (recognition, the rulebook over the transcript so far, the state, the reply);
 *    the stored session's JSON size at the end of the call; grading timed per call.
 * 2. API on the product's default engine (PGlite in memory): a trainee plays --api-calls calls through
 *    the HTTP routes (`app.inject`), each line one request (read, engine, conditional update; the
 *    ended call graded and stored, certification checked); request latency per line.
 * Targets: an engine turn p99 under 20 ms and an HTTP line p99 under 100 ms, so the reply feels
 * immediate (a person waits about a second for an answer on the phone).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/api/app';
import { DEMO_PASSWORD } from '../src/config';
import { seedDemo } from '../src/services/demo/seed';
import { prepareDatabase } from '../src/services/setup';
import { openStore } from '../src/store/db';
import { startSession, takeTurn } from '../src/training/engine';
import { gradeSession } from '../src/training/grading';
import { SCENARIOS } from '../src/training/scenarios';

const { values: args } = parseArgs({
  options: { seeds: { type: 'string', default: '20' }, 'api-calls': { type: 'string', default: '40' } },
});
const SEEDS = Number(args.seeds);
const API_CALLS = Number(args['api-calls']);
const TODAY = '2026-11-24';

function script(id: string): string[] {
  return readFileSync(new URL(`../test/fixtures/training/${id}.strong.txt`, import.meta.url), 'utf8')
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, x) => sum + x, 0) / Math.max(1, samples.length);
  return `| ${label} | ${samples.length} | ${quantile(sorted, 0.5).toFixed(2)} | ${quantile(sorted, 0.99).toFixed(2)} | ${(sorted.at(-1) ?? 0).toFixed(2)} | ${mean.toFixed(2)} |`;
}

console.log(
  `Machine: ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
);

// 1. The engine.
const scripts = new Map(SCENARIOS.map((scenario) => [scenario.id, script(scenario.id)]));
// Warm-up: compile the rulebook, load the dictionaries.
takeTurn(
  startSession({ scenario: SCENARIOS[0] as (typeof SCENARIOS)[number], seed: 0, today: TODAY }),
  '您好',
);
const turnMs: number[] = [];
const gradeMs: number[] = [];
const sizes: number[] = [];
for (const scenario of SCENARIOS) {
  const lines = scripts.get(scenario.id) ?? [];
  for (let seed = 1; seed <= SEEDS; seed += 1) {
    let session = startSession({ scenario, seed, today: TODAY });
    for (const line of lines) {
      if (session.ended !== null) break;
      const t0 = performance.now();
      session = takeTurn(session, line).session;
      turnMs.push(performance.now() - t0);
    }
    const g0 = performance.now();
    gradeSession(session, scenario);
    gradeMs.push(performance.now() - g0);
    sizes.push(Buffer.byteLength(JSON.stringify(session)));
  }
}
const sortedSizes = [...sizes].sort((a, b) => a - b);
console.log('### Engine (one core, in process)\n');
console.log('| what | samples | p50 ms | p99 ms | max ms | mean ms |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(summary('takeTurn', turnMs));
console.log(summary('gradeSession', gradeMs));
console.log(
  `\nStored session JSON at the end of a call: median ${(quantile(sortedSizes, 0.5) / 1024).toFixed(1)} KiB, max ${((sortedSizes.at(-1) ?? 0) / 1024).toFixed(1)} KiB.`,
);
console.log(
  `Heap after the engine runs: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB.\n`,
);

// 2. The HTTP routes on PGlite.
const store = await openStore({ memory: true });
await prepareDatabase(store);
const now = new Date('2026-11-24T02:00:00Z');
await seedDemo(store, { accounts: 50, now, password: DEMO_PASSWORD, seed: 3 });
const app = await buildApp({ store, now: () => now, serveWeb: false, timeZone: 'Asia/Shanghai' });
const login = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { username: 'trainee', password: DEMO_PASSWORD },
});
const cookie = `qs_session=${login.cookies.find((c) => c.name === 'qs_session')?.value}`;
const lineMs: number[] = [];
const startMs: number[] = [];
for (let i = 0; i < API_CALLS; i += 1) {
  const scenario = SCENARIOS[i % SCENARIOS.length] as (typeof SCENARIOS)[number];
  const s0 = performance.now();
  const started = await app.inject({
    method: 'POST',
    url: '/api/v1/training/sessions',
    headers: { cookie },
    payload: { scenarioId: scenario.id, seed: i },
  });
  startMs.push(performance.now() - s0);
  let session = started.json() as { id: string; status: string };
  for (const line of scripts.get(scenario.id) ?? []) {
    if (session.status === 'ended') break;
    const t0 = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/training/sessions/${session.id}/turns`,
      headers: { cookie },
      payload: { text: line },
    });
    lineMs.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`turn refused: ${res.body}`);
    session = res.json();
  }
}
console.log('### HTTP routes on PGlite (in memory, app.inject)\n');
console.log('| what | samples | p50 ms | p99 ms | max ms | mean ms |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(summary('POST /training/sessions', startMs));
console.log(summary('POST /training/sessions/:id/turns', lineMs));
await app.close();
await store.close();
