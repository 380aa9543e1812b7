import type { Command } from 'commander';
import { centerTimeZoneFromEnv } from '../config';
import { invalid } from '../errors';
import { note, out, withStore } from './shared';

export function registerBatchCommand(program: Command): void {
  program
    .command('batch')
    .description('run the nightly batch for a business day: re-age, bucket moves, promises, reminders')
    .option('--as-of <date>', 'business day YYYY-MM-DD (default today in QINGSHOU_TIME_ZONE)')
    .option('--grace <days>', 'days after the due date a payment still keeps a promise', '0')
    .option('--json', 'print one JSON object of counts')
    .action(async (opts: { asOf?: string; grace: string; json?: boolean }) => {
      const grace = Number(opts.grace);
      if (!Number.isInteger(grace)) throw invalid('--grace', '须为整数', 'must be a whole number');
      const { localDateOf } = await import('../domain/dates');
      const { runNightlyBatch } = await import('../services/batch/nightly');
      const asOf = opts.asOf ?? localDateOf(new Date(), centerTimeZoneFromEnv());
      const result = await withStore((store) => runNightlyBatch(store, { asOf, promiseGraceDays: grace }));
      if (opts.json) {
        out(JSON.stringify(result.counts));
        return;
      }
      out(`日终批处理 nightly batch ${result.asOf}`);
      for (const [name, value] of Object.entries(result.counts)) out(`  ${name}: ${value}`);
      note(`run ${result.runId}`);
    });
}
