import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { classifyRequest, ClassifyRequest, ClassifyResponse } from './classify-request';
import { loadRuleBook, RuleBook } from './rulebook';

/**
 * Thin Nest wrapper over the RuleBook (loaded once at start from config.dataDir).
 * Other modules inject RulesService and call the domain API on `book`.
 */
@Injectable()
export class RulesService {
  readonly book: RuleBook;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.book = loadRuleBook(config.dataDir);
  }

  classify(req: ClassifyRequest): ClassifyResponse {
    return classifyRequest(this.book, req);
  }
}
