#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { EXIT } from './cli-exit';
import { registerRulesCommands } from './rules/rules.cli';
import { registerCloudCommands } from './cloud/cloud.cli';
import { registerDecisionsCommands } from './decisions/decisions.cli';
import { registerListsCommands } from './lists/lists.cli';
import { registerNetworksCommands } from './networks/networks.cli';
import { registerScreeningCommands } from './screening/screening.cli';
import { registerTransactionsCommands } from './transactions/transactions.cli';
import { registerKeysCommands } from './auth/keys.cli';
import { registerMcpCommands } from './mcp/mcp.cli';

/**
 * The command line: the same services as the HTTP API, for a person at a terminal.
 * Each module adds its subcommands through a `register…Commands(program)` function in its `*.cli.ts`, which
 * loads the services a command needs only when that command runs (so `--help` and `classify` start fast).
 * Exit codes: src/cli-exit.ts.
 */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('chipguard')
    .description('Export-control compliance and smuggling-risk checks for AI accelerators')
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json sits outside rootDir: not importable
    .version(require('../package.json').version)
    .showHelpAfterError()
    .addHelpText('after', '\nExit status: 0 allow / clear, 1 error (also an audit with error rows), 2 review / potential match, 3 deny / match.');
  registerListsCommands(program);
  registerScreeningCommands(program);
  registerTransactionsCommands(program);
  registerDecisionsCommands(program);
  registerCloudCommands(program);
  registerRulesCommands(program);
  registerNetworksCommands(program);
  registerKeysCommands(program);
  registerMcpCommands(program);
  return program;
}

export function runCli(argv: string[] = process.argv): Promise<void> {
  return buildProgram()
    .parseAsync(argv)
    .then(() => undefined)
    .catch((e) => {
      process.stderr.write(`chipguard: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(EXIT.error);
    });
}

if (require.main === module) void runCli();
