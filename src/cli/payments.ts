import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { invalid } from '../errors';
import { cliActor, note, out, withStore } from './shared';

export function registerPaymentsCommand(program: Command): void {
  const payments = program.command('payments').description('payments received');
  payments
    .command('import')
    .argument('<file>', "the bank's payment file (CSV, UTF-8)")
    .requiredOption('--portfolio <code>', 'portfolio the contracts belong to')
    .option('--json', 'print {posted, duplicates, rejected:[{line, column, reason, reasonEn}], postedFen}')
    .description('post the payments of a bank file; lines already posted are reported as duplicates')
    .action(async (file: string, opts: { portfolio: string; json?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw invalid('file', `无法读取文件 ${file}`, `cannot read file ${file}`);
      }
      const { importPaymentFile } = await import('../services/payment-file');
      const result = await withStore((store) =>
        importPaymentFile(store, cliActor(), { text, portfolioCode: opts.portfolio }, new Date()),
      );
      if (opts.json) out(JSON.stringify(result));
      else {
        out(
          `入账 posted ${result.posted} · 重复 duplicates ${result.duplicates} · 拒绝 rejected ${result.rejected.length}`,
        );
        for (const p of result.rejected) note(`  line ${p.line} ${p.column}: ${p.reason} (${p.reasonEn})`);
      }
      if (result.rejected.length > 0) process.exitCode = 2;
    });
}
