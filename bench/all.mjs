/**
 * `npm run bench [-- import gate qa]`: runs the benchmarks one after another, each in its own process
 * (so memory and warm-up are its own). With no names, runs all three. Each prints its own Markdown;
 * docs/benchmarks.md keeps the figures with the machine and the command.
 */
import { spawnSync } from 'node:child_process';

const benches = {
  import: 'bench/run.ts',
  gate: 'bench/gate.ts',
  qa: 'bench/qa.ts',
  batch: 'bench/batch.ts',
  queue: 'bench/queue.ts',
  training: 'bench/training.ts',
};
const names = process.argv.slice(2);
const chosen = names.length > 0 ? names : Object.keys(benches);
for (const name of chosen) {
  const file = benches[name];
  if (!file) {
    console.error(`unknown benchmark ${name}; choose from ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n## ${name} (node bin/run-ts.mjs ${file})\n`);
  const run = spawnSync(process.execPath, ['bin/run-ts.mjs', file], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
