/**
 * One measured import, in its own process so its peak memory is its own:
 *   node bin/run-ts.mjs bench/import-worker.ts FILE PORTFOLIO (DATABASE_URL or QINGSHOU_DATA_DIR set)
 * Prints one JSON line: rows, seconds, rows per second, peak resident memory in MB.
 */
import { storeOptionsFromEnv } from '../src/config';
import { systemActor } from '../src/services/actor';
import { importCases } from '../src/services/import/import-cases';
import { createPortfolio } from '../src/services/portfolios';
import { prepareDatabase } from '../src/services/setup';
import { openStore } from '../src/store/db';

const [file, portfolio] = process.argv.slice(2);
if (!file || !portfolio) {
  console.error('usage: import-worker.ts FILE PORTFOLIO');
  process.exit(2);
}
const chunkSize = process.env.BENCH_CHUNK ? Number(process.env.BENCH_CHUNK) : undefined;
const store = await openStore(storeOptionsFromEnv());
await prepareDatabase(store);
await createPortfolio(store, systemActor('bench'), { code: portfolio, name: `benchmark ${portfolio}` });
const started = performance.now();
const result = await importCases(
  store,
  { path: file },
  { portfolioCode: portfolio, acceptValid: false, actor: systemActor('bench'), now: new Date(), chunkSize },
);
const seconds = (performance.now() - started) / 1000;
await store.close();
if (result.status !== 'committed') {
  console.error(JSON.stringify(result.rejected.slice(0, 5)));
  process.exit(1);
}
process.stdout.write(
  `${JSON.stringify({
    rows: result.imported + result.updated,
    seconds,
    rowsPerSecond: (result.imported + result.updated) / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
