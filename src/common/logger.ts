import { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'async_hooks';

/** Carries the request id through async calls so every log line of a request names it. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

const LEVELS = { error: 0, warn: 1, info: 2, debug: 3 } as const;
/** Nest's start-up lines (every route mapped, every module initialised): debug detail, not the start log. */
const STARTUP_DETAIL_CONTEXTS = new Set(['RoutesResolver', 'RouterExplorer', 'InstanceLoader']);
export type LogLevel = keyof typeof LEVELS;

/** One JSON object per line on stdout: time, level, context, message, requestId. */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {}

  private write(level: LogLevel, message: unknown, context?: string, extra?: Record<string, unknown>): void {
    if (LEVELS[level] > LEVELS[this.level]) return;
    const requestId = requestContext.getStore()?.requestId;
    const line: Record<string, unknown> = { time: new Date().toISOString(), level };
    if (context) line.context = context;
    if (requestId) line.requestId = requestId;
    if (message instanceof Error) {
      line.message = message.message;
      line.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(line, message);
    } else {
      line.message = String(message);
    }
    if (extra) Object.assign(line, extra);
    this.out.write(JSON.stringify(line) + '\n');
  }

  log(message: unknown, context?: string): void {
    this.write(context && STARTUP_DETAIL_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context, trace ? { stack: trace } : undefined);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
}
