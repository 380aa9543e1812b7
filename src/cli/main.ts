/**
 * The `qingshou` command. Every command works on the embedded database in QINGSHOU_DATA_DIR (default
 * ./data) or on DATABASE_URL, and brings it up to date first. Standard output carries only the
 * command's result; progress and logs go to standard error.
 * Exit status: 0 done, 2 refused input (bad rows, bad arguments, unknown portfolio), 1 failure.
 */
import { Command } from 'commander';
import { AppError } from '../errors';
import { registerAssignCommand } from './assign';
import { registerBatchCommand } from './batch';
import { registerDemoCommand } from './demo';
import { registerGateCommand } from './gate';
import { registerImportCommand } from './import';
import { registerMigrateCommand } from './migrate';
import { registerPaymentsCommand } from './payments';
import { registerPortfolioCommands } from './portfolio';
import { registerQaCommand } from './qa';
import { registerSmsCommand } from './sms';
import { registerStartCommand } from './start';
import { registerTrainCommand } from './train';
import { registerUserCommands } from './user';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('qingshou')
    .description('清收 Qingshou: compliance-first debt-collection operations')
    .showHelpAfterError()
    .exitOverride();
  registerStartCommand(program);
  registerMigrateCommand(program);
  registerPortfolioCommands(program);
  registerImportCommand(program);
  registerDemoCommand(program);
  registerGateCommand(program);
  registerQaCommand(program);
  registerBatchCommand(program);
  registerAssignCommand(program);
  registerPaymentsCommand(program);
  registerSmsCommand(program);
  registerTrainCommand(program);
  registerUserCommands(program);
  return program;
}

async function main() {
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) {
      // commander has already printed the message (or help/version).
      process.exitCode = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
      return;
    }
    if (e instanceof AppError) {
      process.stderr.write(
        `错误 ${e.code}: ${e.messageIn('zh-CN')}\nError ${e.code}: ${e.messageIn('en')}\n`,
      );
      process.exitCode = e.status < 500 ? 2 : 1;
      return;
    }
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  }
}

await main();
