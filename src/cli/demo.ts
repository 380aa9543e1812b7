import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { DEMO_PASSWORD } from '../config';
import { localDateOf } from '../domain/dates';
import { note, out, positiveInt, withStore } from './shared';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'generate a realistic synthetic portfolio (Chinese names, valid fake IDs, M1-heavy, log-normal balances)',
    )
    .requiredOption('--accounts <n>', 'number of accounts', positiveInt('--accounts'))
    .option('--portfolio <code>', 'portfolio to fill (created when missing)', 'DEMO-CC')
    .option('--seed <n>', 'random seed: the same seed gives the same accounts', positiveInt('--seed'))
    .option('--out <file>', 'write the placement file as CSV instead of importing it')
    .option('--json', 'print the import result as JSON')
    .action(
      async (opts: { accounts: number; portfolio: string; seed?: number; out?: string; json?: boolean }) => {
        const { demoCsvStream, seedDemo } = await import('../services/demo/seed');
        const seed = opts.seed ?? Math.floor(Math.random() * 1_000_000_000) + 1;
        const now = new Date();
        if (opts.out) {
          await pipeline(
            demoCsvStream({
              count: opts.accounts,
              seed,
              asOf: localDateOf(now, 'Asia/Shanghai'),
              contractPrefix: `${opts.portfolio}-${seed}-`,
            }),
            createWriteStream(opts.out),
          );
          note(`wrote ${opts.accounts} accounts to ${opts.out} (seed ${seed})`);
          return;
        }
        await withStore(async (store) => {
          const result = await seedDemo(store, {
            accounts: opts.accounts,
            now,
            seed,
            portfolioCode: opts.portfolio,
            password: DEMO_PASSWORD,
          });
          if (opts.json) {
            out(
              JSON.stringify({
                portfolio: result.portfolioCode,
                seed,
                ...result.import,
                assigned: result.assigned,
              }),
            );
          } else {
            out(
              `portfolio ${result.portfolioCode}: imported ${result.import.imported}, updated ${result.import.updated}, assigned ${result.assigned} (seed ${seed})`,
            );
          }
        });
      },
    );
}
