import type { Command } from 'commander';
import { isRoleCode, ROLE_CODES } from '../domain/roles';
import { invalid } from '../errors';
import { cliActor, out, withStore } from './shared';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('users');
  user
    .command('add')
    .argument('<username>', 'login name')
    .requiredOption('--role <role>', `one of ${ROLE_CODES.join(', ')}`)
    .requiredOption('--name <name>', 'display name')
    .option('--password <password>', 'initial password (or QINGSHOU_NEW_PASSWORD)')
    .description('create a user')
    .action(async (username: string, opts: { role: string; name: string; password?: string }) => {
      const password = opts.password ?? process.env.QINGSHOU_NEW_PASSWORD;
      if (!password) throw invalid('--password', '请提供初始密码', 'give an initial password');
      if (!isRoleCode(opts.role))
        throw invalid(
          '--role',
          `须为 ${ROLE_CODES.join('、')} 之一`,
          `must be one of ${ROLE_CODES.join(', ')}`,
        );
      const role = opts.role;
      const { createUser } = await import('../services/users');
      await withStore(async (store) => {
        const id = await store.transaction(({ db }) =>
          createUser(db, cliActor(), { username, displayName: opts.name, password, role }),
        );
        out(`created user ${username} (${role}) ${id}`);
      });
    });
}
