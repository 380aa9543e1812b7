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
    .option('--team <code>', 'team of a collector or team lead')
    .option('--agency <code>', 'agency of an agency user')
    .description('create a user')
    .action(
      async (
        username: string,
        opts: { role: string; name: string; password?: string; team?: string; agency?: string },
      ) => {
        const password = opts.password ?? process.env.QINGSHOU_NEW_PASSWORD;
        if (!password) throw invalid('--password', '请提供初始密码', 'give an initial password');
        if (!isRoleCode(opts.role)) {
          throw invalid(
            '--role',
            `须为 ${ROLE_CODES.join('、')} 之一`,
            `must be one of ${ROLE_CODES.join(', ')}`,
          );
        }
        const role = opts.role;
        const { createUser } = await import('../services/users');
        const { agencyIdByCode, teamIdByCode } = await import('../services/organisation');
        await withStore(async (store) => {
          const id = await store.transaction(async ({ db }) =>
            createUser(db, cliActor(), {
              username,
              displayName: opts.name,
              password,
              role,
              teamId: opts.team ? await teamIdByCode(db, opts.team) : null,
              agencyId: opts.agency ? await agencyIdByCode(db, opts.agency) : null,
            }),
          );
          out(`created user ${username} (${role}) ${id}`);
        });
      },
    );

  program
    .command('team')
    .description('teams')
    .command('add')
    .argument('<code>', 'short code, e.g. T-M1')
    .requiredOption('--name <name>', 'display name')
    .option(
      '--collector-scope <scope>',
      'what its collectors see: own (their cases) or team (the team’s)',
      'own',
    )
    .description('create a team')
    .action(async (code: string, opts: { name: string; collectorScope: string }) => {
      const { createTeam } = await import('../services/organisation');
      await withStore(async (store) => {
        await createTeam(store, cliActor(), {
          code,
          name: opts.name,
          collectorScope: opts.collectorScope as 'own' | 'team',
        });
        out(
          `created team ${code} (${opts.name}), collectors see ${opts.collectorScope === 'team' ? 'the team’s cases' : 'their own cases'}`,
        );
      });
    });

  program
    .command('agency')
    .description('outside collection agencies (委外机构)')
    .command('add')
    .argument('<code>', 'short code')
    .requiredOption('--name <name>', 'company name')
    .description('register an agency')
    .action(async (code: string, opts: { name: string }) => {
      const { createAgency } = await import('../services/organisation');
      await withStore(async (store) => {
        await createAgency(store, cliActor(), { code, name: opts.name });
        out(`created agency ${code} (${opts.name})`);
      });
    });
}
