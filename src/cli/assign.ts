import type { Command } from 'commander';
import { cliActor, out, withStore } from './shared';

/** `qingshou assign --portfolio CODE [--json]`: assign the portfolio's open unassigned cases by its rules. */
export function registerAssignCommand(program: Command): void {
  program
    .command('assign')
    .description("assign a portfolio's open unassigned cases to collectors by its assignment rules")
    .requiredOption('--portfolio <code>', 'portfolio code')
    .option('--json', 'print one JSON object: counts, per collector, and the unplanned cases with reasons')
    .action(async (opts: { portfolio: string; json?: boolean }) => {
      const { assignUnassigned } = await import('../services/assignment');
      const result = await withStore((store) =>
        assignUnassigned(store, cliActor(), opts.portfolio, new Date()),
      );
      if (opts.json) {
        out(JSON.stringify(result));
        return;
      }
      out(`分案 assignment ${result.portfolioCode}: ${result.assigned}/${result.considered} assigned`);
      out(
        `  same contract ${result.byRule.sameContract}, same debtor ${result.byRule.sameDebtor}, balanced ${result.byRule.balanced}`,
      );
      for (const c of result.perCollector) out(`  ${c.name}: +${c.assigned} → ${c.load}/${c.capacity}`);
      if (result.unplannedCount > 0) {
        out(`  unplanned ${result.unplannedCount}:`);
        for (const u of result.unplanned) out(`    ${u.caseNo} ${u.reason.zh} / ${u.reason.en}`);
      }
    });
}
