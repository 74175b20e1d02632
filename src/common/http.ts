import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  INestApplication,
  Logger,
  ValidationPipe,
} from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { NextFunction, Request, Response } from 'express';
import { json, text } from 'express';
import helmet from 'helmet';
import { bodyProblems, contentTypeProblem } from './body-safety';
import { fieldErrors } from './request-validation';
import { AuthService } from '../auth/auth.service';
import { uiPagesGuard } from '../auth/ui-pages.middleware';
import { AppConfig } from '../config/config';
import { Params, PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import { accessLogMiddleware } from './logger';

/** X-Request-Id on every response (the caller's, when it sends a sane one), and in every log line (src/common/logger.ts). */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const requestId = incoming && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  (req as Request & { requestId?: string }).requestId = requestId;
  next();
}

export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  exceptionFactory: (errors) => new BadRequestException(fieldErrors(errors)),
});

/** Every error is JSON with the request id; an unexpected error is a 500 that says so, never an answer. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { requestId?: string }>();
    const requestId = req.requestId ?? String(res.getHeader('X-Request-Id') ?? '');
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const payload: Record<string, unknown> = typeof body === 'string' ? { statusCode: status, message: body } : { ...(body as object) };
      // API.md: a 400 always carries message: [...] (Nest's own 400s — bad JSON, a bad %-escape in a path,
      // multer's unexpected file field — carry a single string)
      if (status === HttpStatus.BAD_REQUEST) {
        payload.error ??= 'Bad Request';
        if (!Array.isArray(payload.message)) payload.message = [String(payload.message ?? 'Bad Request')];
      }
      res.status(status).json({ ...payload, requestId });
      return;
    }
    // body-parser errors (too large, bad JSON) carry a status of their own
    const e = exception as { status?: number; type?: string; message?: string };
    if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      const error = e.status === 413 ? 'Payload Too Large' : 'Bad Request';
      res.status(e.status).json({ statusCode: e.status, error, message: [e.message ?? error], requestId });
      return;
    }
    this.logger.error(exception instanceof Error ? exception : String(exception));
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: 500,
      error: 'Internal Server Error',
      message: `Internal error; nothing was decided. Quote request id ${requestId}.`,
      requestId,
    });
  }
}

/** Bulk accounts are read from the request stream (src/networks/account-stream.ts): no body parser buffers them. */
const STREAMED_BODIES = new Set(['/v1/cloud/accounts/screen']);
function notStreamed(parser: (req: Request, res: Response, next: NextFunction) => void) {
  return (req: Request, res: Response, next: NextFunction) => (STREAMED_BODIES.has(req.path) ? next() : parser(req, res, next));
}

/** 415 for a state-changing request whose body is neither JSON nor multipart (nor CSV on the batch route). */
function contentTypeGuard(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const problem = contentTypeProblem(req.method, req.headers['content-type'], hasBody, req.path);
  if (!problem) return next();
  res.status(415).json({ statusCode: 415, error: 'Unsupported Media Type', message: [problem], requestId: res.getHeader('X-Request-Id') });
}

/** 400 for a JSON body nested too deep or holding prototype-named keys (before validation sees it). */
function bodySafetyGuard(req: Request, res: Response, next: NextFunction): void {
  if (req.body === undefined || req.body === null || typeof req.body !== 'object') return next();
  const problems = bodyProblems(req.body);
  if (!problems.length) return next();
  res.status(400).json({ statusCode: 400, error: 'Bad Request', message: problems, requestId: res.getHeader('X-Request-Id') });
}

/** Everything main.ts and the e2e tests both apply to the app. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  (app.getHttpAdapter().getInstance() as { disable(name: string): void }).disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(accessLogMiddleware(app.get<Params>(PARAMS_PROVIDER_TOKEN)));
  // security headers everywhere (Swagger UI at /docs works under helmet's default CSP: external scripts, inline styles)
  // helmet's defaults, but no upgrade-insecure-requests: a service reached over plain http (local mode, an internal
  // HOST) would have its own scripts and API calls upgraded to https and fail
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  if (config.corsOrigins.length) {
    app.enableCors({ origin: config.corsOrigins, credentials: false, allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type', 'X-Request-Id'] });
  }
  app.use(uiPagesGuard(app.get(AuthService)));
  app.use(contentTypeGuard);
  // batch endpoints take larger bodies; body-parser skips a body that is already parsed
  app.use(['/v1/transactions/batch', '/v1/parties/screen/batch'], json({ limit: config.batchBodyLimit }));
  app.use(notStreamed(json({ limit: config.bodyLimit })));
  // batch audits post CSV (POST /v1/transactions/batch)
  app.use(notStreamed(text({ type: ['text/csv', 'application/csv'], limit: config.batchBodyLimit })));
  app.use(bodySafetyGuard);
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
}
