import { CallHandler, Controller, ExecutionContext, Get, Header, Injectable, NestInterceptor } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import { MetricsService } from './metrics.service';
import { Roles } from '../auth/roles.decorator';

@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text format; a scraper sends an auditor key (Authorization: Bearer …), or runs in local mode. */
  @Get('metrics')
  @Roles('auditor')
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

/** Times every routed request under its route pattern (never the raw path: ids would explode the label set). */
@Injectable()
export class RequestTimer implements NestInterceptor {
  constructor(private readonly metrics: MetricsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const end = this.metrics.requestSeconds.startTimer();
    const route = () => ({ method: req.method, route: (req.baseUrl ?? '') + (req.route?.path ?? 'unmatched') });
    res.once('finish', () => end({ ...route(), status: String(res.statusCode) }));
    return next.handle().pipe(tap({ error: () => undefined }));
  }
}
