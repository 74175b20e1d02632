import { Inject, Injectable, LoggerService } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'http';
import type { NextFunction, Request, Response } from 'express';
import { Logger as NestPinoLogger, Params, PARAMS_PROVIDER_TOKEN, PinoLogger } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';
import pino from 'pino';
import { pinoHttp, Options as PinoHttpOptions } from 'pino-http';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Nest's start-up lines (every route mapped, every module initialised): debug detail, not the start log. */
const STARTUP_DETAIL_CONTEXTS = new Set(['RoutesResolver', 'RouterExplorer', 'InstanceLoader']);

/**
 * One JSON object per line: `time` (ISO), `level` (its name), `context`, `message`, and inside a request its
 * `requestId`. Written synchronously to the stream (stdout; the MCP server: stderr, stdout carries its protocol).
 */
export function createPino(level: LogLevel, out: NodeJS.WritableStream = process.stdout): pino.Logger {
  return pino(
    {
      level,
      messageKey: 'message',
      errorKey: 'error',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    out as pino.DestinationStream,
  );
}

type LoggedRequest = IncomingMessage & { requestId?: string; originalUrl?: string };

/**
 * The nestjs-pino parameters: one access-log line per request (method, path, status, time; never headers, so no
 * key or cookie reaches a log), at warn for 4xx and error for 5xx, under the request id requestIdMiddleware
 * chose (X-Request-Id in and out); log lines written while serving a request carry the same `requestId`.
 */
export function pinoParams(level: LogLevel, out?: NodeJS.WritableStream): Params {
  return {
    // configureApp applies accessLogMiddleware as plain app middleware: the module's own would add a route
    // (`/{*path}`, every method) to Express's router, past the route table of the auth guard
    forRoutes: [],
    pinoHttp: {
      logger: createPino(level, out),
      genReqId: (req) => (req as LoggedRequest).requestId ?? String(req.headers['x-request-id'] ?? ''),
      customAttributeKeys: { reqId: 'requestId', responseTime: 'ms' },
      quietReqLogger: true,
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      customSuccessMessage: () => 'request',
      customErrorMessage: () => 'request failed',
      serializers: {
        req: (req: { method?: string; url?: string; raw?: LoggedRequest }) => ({
          method: req.method,
          path: (req.raw?.originalUrl ?? req.url ?? '').split('?')[0],
        }),
        res: (res: { statusCode?: number } | ServerResponse) => ({ status: res.statusCode }),
        // a 5xx without a thrown error gets pino-http's synthetic "failed with status code" error: its stack says nothing
        err: (err: { type?: string; message?: string; stack?: string }) =>
          /^failed with status code \d+$/.test(String(err?.message)) ? { message: err.message } : { type: err?.type, message: err?.message, stack: err?.stack },
      },
    },
  };
}

/**
 * pino-http's access log, then nestjs-pino's request scope (what its module middleware does): the request's child
 * logger (with its `requestId`) serves every log line written while the request runs.
 */
export function accessLogMiddleware(params: Params): (req: Request, res: Response, next: NextFunction) => void {
  const http = pinoHttp(params.pinoHttp as PinoHttpOptions);
  return (req, res, next) => http(req, res, () => storage.run(new Store(req.log), next));
}

/** nestjs-pino's Logger, with Nest's route-mapping and module lines demoted to debug. */
@Injectable()
export class AppLogger extends NestPinoLogger {
  constructor(logger: PinoLogger, @Inject(PARAMS_PROVIDER_TOKEN) params: Params) {
    super(logger, params);
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && STARTUP_DETAIL_CONTEXTS.has(context)) return super.debug(message, ...optionalParams);
    super.log(message, ...optionalParams);
  }
}

/**
 * The same JSON lines outside the HTTP app (CLI commands, the MCP server, benches): Nest's LoggerService over pino.
 * `log` of an object logs its fields.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: pino.Logger;

  constructor(level: LogLevel = 'info', out: NodeJS.WritableStream = process.stdout) {
    this.pino = createPino(level, out);
  }

  private write(level: 'error' | 'warn' | 'info' | 'debug', message: unknown, context: unknown, extra?: Record<string, unknown>): void {
    const fields: Record<string, unknown> = { ...(typeof context === 'string' ? { context } : {}), ...extra };
    if (message instanceof Error) this.pino[level]({ ...fields, error: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.pino[level]({ ...fields, ...message });
    else this.pino[level](fields, String(message));
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
