import type { Command } from 'commander';
import { note, withStore } from './shared';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply the database migrations (every command also does this first)')
    .action(async () => {
      await withStore(async (store) => {
        note(`database ${store.engine} at ${store.location} is up to date`);
      });
    });
}
