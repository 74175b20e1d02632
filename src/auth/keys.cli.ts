import { Command } from 'commander';
import { userInfo } from 'os';
import type { CliContext } from '../cli-context';
import { isRole, ROLES } from './roles';

/** Who changed something from the command line (chained with the change). */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** `chipguard keys create --name "Dana Reviewer" --role reviewer`, `keys list`, `keys revoke <name>`. */
export function registerKeysCommands(program: Command, cli: CliContext): void {
  const keys = program.command('keys').description('API keys: create, list, revoke (stored only as a hash)');

  keys
    .command('create')
    .description('create an API key; the key is printed once, alone on the last line')
    .requiredOption('--name <name>', 'who holds it (a disposition records this name)')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .action(async (opts: { name: string; role: string }) => {
      if (!isRole(opts.role)) throw new Error(`unknown role "${opts.role}"; one of ${ROLES.join(', ')}`);
      const role = opts.role;
      await cli.app(async (app) => {
        const { key } = await app.get((await import('./auth.service')).AuthService).createKey(opts.name, role, cliActor());
        process.stdout.write(`created ${role} key "${opts.name.trim()}"; it is shown only now (chipguard keeps its hash):\n${key}\n`);
      });
    });

  keys
    .command('list')
    .description('every key: name, role, created, revoked')
    .action(async () => {
      await cli.app(async (app) => {
        const rows = await app.get((await import('./auth.service')).AuthService).listKeys();
        if (!rows.length) process.stdout.write('no keys: local mode (loopback requests act as a local admin)\n');
        for (const r of rows) {
          process.stdout.write(`${r.name.padEnd(32)} ${r.role.padEnd(11)} created ${r.createdAt}${r.revokedAt ? `  REVOKED ${r.revokedAt}` : ''}\n`);
        }
      });
    });

  keys
    .command('revoke')
    .description('revoke the active key of that name (its sessions end too)')
    .argument('<name>')
    .action(async (name: string) => {
      await cli.app(async (app) => {
        const row = await app.get((await import('./auth.service')).AuthService).revokeKey(name, cliActor());
        process.stdout.write(`revoked ${row.role} key "${row.name}" at ${row.revokedAt}\n`);
      });
    });
}
