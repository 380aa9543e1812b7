import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import {
  centerTimeZoneFromEnv,
  clockFromEnv,
  DEMO_PASSWORD,
  llmConfigFromEnv,
  portFromEnv,
  storeOptionsFromEnv,
} from '../config';
import { note, out, positiveInt } from './shared';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the web UI when a checkout has not built it yet (npm ci does, through the prepare script). */
function ensureWebBuilt(webRoot: string): void {
  if (existsSync(`${webRoot}/index.html`)) return;
  let viteBin: string;
  try {
    // vite's package exports do not expose its bin; find it next to its package.json.
    viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    note(
      'web UI is not built and vite is not installed: the API runs without the UI (run `npm run build:web`).',
    );
    return;
  }
  note('building the web UI (first start) …');
  const r = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  if (r.status !== 0) note('web UI build failed: the API runs without the UI.');
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the API and web UI (seeds a demo portfolio on first start)')
    .option('--port <port>', 'port (default PORT or 3000)', positiveInt('--port'))
    .option('--host <host>', 'interface to listen on (default HOST or localhost)')
    .option('--no-demo', 'do not seed the demo portfolio on an empty database')
    .action(async (opts: { port?: number; host?: string; demo: boolean }) => {
      const port = opts.port ?? portFromEnv();
      const now = clockFromEnv();
      const host = opts.host ?? process.env.HOST ?? 'localhost';
      const { buildApp, webRoot } = await import('../api/app');
      const { hasAnyPortfolio, seedDemo } = await import('../services/demo/seed');
      const { prepareDatabase } = await import('../services/setup');
      const { openStore } = await import('../store/db');
      ensureWebBuilt(webRoot);
      const store = await openStore(storeOptionsFromEnv());
      await prepareDatabase(store);
      note(`database: ${store.engine} (${store.location})`);
      const seedWanted = opts.demo && process.env.QINGSHOU_NO_DEMO !== '1';
      let seeded = false;
      if (seedWanted && !(await hasAnyPortfolio(store))) {
        const accounts = Number(process.env.QINGSHOU_DEMO_ACCOUNTS ?? 2000);
        note(`seeding the demo portfolio with ${accounts} accounts …`);
        const result = await seedDemo(store, { accounts, now: now(), password: DEMO_PASSWORD });
        note(
          `demo portfolio ${result.portfolioCode}: ${result.import.imported} accounts, ${result.assigned} assigned`,
        );
        seeded = true;
      }
      const llm = llmConfigFromEnv();
      if (llm)
        note(`training: debtor lines worded by ${llm.model} at ${llm.baseUrl} (offline bank on error)`);
      const app = await buildApp({ store, now, llm, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
      await app.listen({ port, host });
      const { scheduleNightlyBatch } = await import('../services/batch/schedule');
      const schedule =
        process.env.QINGSHOU_NO_BATCH === '1'
          ? null
          : scheduleNightlyBatch(store, { timeZone: centerTimeZoneFromEnv(), now, onRun: note });
      // Only with a gateway (QINGSHOU_SMS_GATEWAY_URL); QINGSHOU_NO_SMS=1 turns it off.
      const { startSmsSchedule } = await import('../services/sms/schedule');
      const smsSchedule = startSmsSchedule(store, { now, onRun: note });
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      out(
        `清收 Qingshou is running on http://localhost:${actualPort}  (API docs: http://localhost:${actualPort}/api/docs)`,
      );
      if (seeded || seedWanted) {
        out(
          `demo logins (password "${DEMO_PASSWORD}"): admin, manager, lead, lead2, collector, collector2, collector3,`,
        );
        out('  qa, trainer, trainee, agency, legal, auditor');
      }
      const stop = async () => {
        schedule?.stop();
        smsSchedule?.stop();
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
