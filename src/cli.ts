#!/usr/bin/env node
import 'reflect-metadata';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Command } from 'commander';
import type { CliContext, CommandRegistrar } from './cli-context';
import { EXIT } from './cli-exit';
import { AppConfig, loadConfig } from './config/config';
import { registerKeysCommands } from './auth/keys.cli';
import { registerCloudCommands } from './cloud/cloud.cli';
import { registerDecisionsCommands } from './decisions/decisions.cli';
import { registerListsCommands } from './lists/lists.cli';
import { registerMcpCommands } from './mcp/mcp.cli';
import { registerNetworksCommands } from './networks/networks.cli';
import { registerRulesCommands } from './rules/rules.cli';
import { registerScreeningCommands } from './screening/screening.cli';
import { registerTransactionsCommands } from './transactions/transactions.cli';

/**
 * Every module's commands, in the order `--help` lists them. A module adds commands through one
 * `register…Commands(program, cli)` in its `*.cli.ts`; a new module adds its registrar here, nowhere else.
 */
export const COMMAND_REGISTRARS: readonly CommandRegistrar[] = [
  registerListsCommands,
  registerScreeningCommands,
  registerTransactionsCommands,
  registerDecisionsCommands,
  registerCloudCommands,
  registerRulesCommands,
  registerNetworksCommands,
  registerKeysCommands,
  registerMcpCommands,
];

/** The configuration of a CLI command: DATABASE_URL as the service, no download, no sample, quiet logs. */
function cliConfig(): AppConfig {
  const config = loadConfig();
  return {
    ...config,
    autoUpdate: false,
    loadSample: false,
    listSyncSeconds: 0,
    listRefresh: 'off',
    logLevel: process.env.LOG_LEVEL ? config.logLevel : 'warn',
  };
}

/**
 * The composition root of the command line: the only place that knows the app module. The app context is built
 * once, on the first `cli.app(…)` of a command, shared by nested calls and closed when the outermost one ends;
 * `lists` and `screening` read the database without the app. Everything loads inside the command's action.
 */
export function cliContext(): CliContext {
  let app: Promise<INestApplicationContext> | undefined;
  let users = 0;
  return {
    config: cliConfig,
    async app(fn) {
      const config = cliConfig();
      users++;
      try {
        app ??= (async () => {
          const [{ NestFactory }, { AppModule }, { JsonLogger }] = await Promise.all([
            import('@nestjs/core'),
            import('./app.module'),
            import('./common/logger'),
          ]);
          return NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: new JsonLogger(config.logLevel) });
        })();
        return await fn(await app, config);
      } finally {
        if (--users === 0 && app) {
          const closing = app;
          app = undefined;
          await (await closing.catch(() => undefined))?.close();
        }
      }
    },
    async server(fn) {
      // the HTTP app's pipes and route metadata without a listener; logs on stderr (stdout may carry a protocol);
      // a long-lived server picks up list imports made elsewhere every LIST_SYNC_SECONDS
      const config = { ...cliConfig(), listSyncSeconds: loadConfig().listSyncSeconds };
      const [{ NestFactory }, { AppModule }, { JsonLogger }] = await Promise.all([import('@nestjs/core'), import('./app.module'), import('./common/logger')]);
      const app: INestApplication = await NestFactory.create(AppModule.forRoot(config), {
        bodyParser: false,
        logger: new JsonLogger(config.logLevel, process.stderr),
      });
      await app.init();
      try {
        return await fn(app, config);
      } finally {
        await app.close();
      }
    },
    async lists(fn) {
      const { withCliLists } = await import('./cli-screening');
      return withCliLists(cliConfig(), fn);
    },
    async screening(fn) {
      const { withCliScreening } = await import('./cli-screening');
      return withCliScreening(cliConfig(), fn);
    },
  };
}

/**
 * The command line: the same services as the HTTP API, for a person at a terminal.
 * Exit codes: src/cli-exit.ts.
 */
export function buildProgram(cli: CliContext = cliContext()): Command {
  const program = new Command();
  program
    .name('chipguard')
    .description('Export-control compliance and smuggling-risk checks for AI accelerators')
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json sits outside rootDir: not importable
    .version(require('../package.json').version)
    .showHelpAfterError()
    .addHelpText('after', '\nExit status: 0 allow / clear, 1 error (also an audit with error rows), 2 review / potential match, 3 deny / match.');
  for (const register of COMMAND_REGISTRARS) register(program, cli);
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
