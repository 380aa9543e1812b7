import { existsSync, statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { invalid } from '../errors';
import type { ImportResult } from '../services/import/import-cases';
import { cliActor, note, out, withStore } from './shared';

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .argument('<file>', 'the placement file (.xlsx or .csv: UTF-8, UTF-8 with BOM or GBK)')
    .requiredOption('--portfolio <code>', 'portfolio to import into')
    .option('--accept-valid', 'write the valid rows and report the rejected ones (default: all or nothing)')
    .option('--json', 'print {"imported", "updated", "rejected": [{row, column, reason}]} as JSON')
    .description('import a daily placement file (委案文件)')
    .action(async (file: string, opts: { portfolio: string; acceptValid?: boolean; json?: boolean }) => {
      if (!existsSync(file) || !statSync(file).isFile()) {
        throw invalid('file', `找不到文件 ${file}`, `file ${file} does not exist`);
      }
      const { importCases } = await import('../services/import/import-cases');
      const result = await withStore(async (store) => {
        const showBar = !opts.json && process.stderr.isTTY;
        const bar = showBar
          ? new cliProgress.SingleBar(
              {
                format: '导入 importing [{bar}] {percentage}% | {rows} rows | {eta_formatted}',
                stream: process.stderr,
              },
              cliProgress.Presets.shades_classic,
            )
          : null;
        bar?.start(statSync(file).size, 0, { rows: 0 });
        try {
          return await importCases(
            store,
            { path: file },
            {
              portfolioCode: opts.portfolio,
              acceptValid: !!opts.acceptValid,
              actor: cliActor(),
              now: new Date(),
              onProgress: (p) => bar?.update(p.bytesRead, { rows: p.rows }),
            },
          );
        } finally {
          bar?.stop();
        }
      });
      printResult(result, !!opts.json);
      if (result.status === 'rejected') process.exitCode = 2;
    });
}

function printResult(result: ImportResult, json: boolean): void {
  if (json) {
    out(
      JSON.stringify({
        imported: result.imported,
        updated: result.updated,
        rejected: result.rejected.map((r) => ({
          row: r.row,
          column: r.column,
          reason: r.reason,
          reasonEn: r.reasonEn,
        })),
      }),
    );
    return;
  }
  for (const r of result.rejected)
    out(`第 ${r.row} 行 row ${r.row}\t${r.column}\t${r.reason} / ${r.reasonEn}`);
  if (result.rejectedCount > result.rejected.length) {
    out(`… ${result.rejectedCount - result.rejected.length} more problems not listed`);
  }
  if (result.status === 'rejected') {
    note(
      `未导入任何数据：${result.rejectedCount} 处错误。Nothing was imported: ${result.rejectedCount} problems.`,
    );
    note(
      '修正后重新导入，或使用 --accept-valid 只导入有效行。Fix the file, or use --accept-valid to import the valid rows.',
    );
  } else {
    out(
      `新增 imported ${result.imported}, 更新 updated ${result.updated}, 拒绝 rejected ${result.rejectedCount} (rows ${result.rows})`,
    );
  }
}
