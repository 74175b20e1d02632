import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Command } from 'commander';
import type { AppConfig } from './config/config';
import type { ActiveLists } from './lists/active-lists';
import type { ListCode } from './lists/list-entry';
import type { PartyQuery, ScreeningResult } from './screening/types';

/** The active list versions as a command sees them, without their entries (`lists show`, `screen`). */
export type ActiveVersions = Pick<ActiveLists, 'isEmpty' | 'hasSample' | 'activeVersions' | 'versionDates'>;

/** `chipguard screen`: one party against the active lists, honouring the allow-list (as ScreeningService.screen). */
export interface CliScreening {
  lists: ActiveVersions;
  screen(query: PartyQuery, opts?: { sources?: ListCode[]; limit?: number }): ScreeningResult;
}

/**
 * What src/cli.ts (the composition root) hands every module's command registrar: the ways a command runs,
 * each loaded only inside the command's action (so `chipguard --help` loads none of them).
 * A module's `*.cli.ts` never imports the app module; it asks this context.
 */
export interface CliContext {
  /** the configuration of a CLI command: DATABASE_URL as the service, no list download, no sample, quiet logs */
  config(): AppConfig;
  /** runs `fn` with the whole app (a Nest application context, built once per command and closed after it) */
  app<T>(fn: (app: INestApplicationContext, config: AppConfig) => Promise<T>): Promise<T>;
  /** runs `fn` with the whole HTTP app, initialised but not listening (its pipes and routes' metadata), logs on stderr */
  server<T>(fn: (app: INestApplication, config: AppConfig) => Promise<T>): Promise<T>;
  /** the active list versions, read straight from the database (no app, no entries) */
  lists<T>(fn: (lists: ActiveVersions, config: AppConfig) => Promise<T>): Promise<T>;
  /** screening on the active lists, without the app: the index comes from its cache while the active versions match */
  screening<T>(fn: (s: CliScreening, config: AppConfig) => Promise<T>): Promise<T>;
}

/** A module's commands: `registerXCommands(program, cli)` in its `*.cli.ts`, listed once in src/cli.ts. */
export type CommandRegistrar = (program: Command, cli: CliContext) => void;
