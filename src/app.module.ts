import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, loadConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/database';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health.controller';
import { RulesModule } from './rules/rules.module';
import { ListsModule } from './lists/lists.module';
import { ScreeningModule } from './screening/screening.module';
import { TransactionsModule } from './transactions/transactions.module';
import { CloudModule } from './cloud/cloud.module';
import { DecisionsModule } from './decisions/decisions.module';
import { NetworksApiModule } from './networks/networks-api.module';
import { UiModule } from './ui/ui.module';
import { AuthModule } from './auth/auth.module';
import { MetricsModule } from './metrics/metrics.module';
import { LoggingModule } from './common/logging.module';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';

/** The whole service. `AppModule.forRoot(config)` lets tests pass their own configuration. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl), retryAttempts: 2, retryDelay: 500 }),
        DatabaseModule,
        AuthModule,
        RulesModule,
        ListsModule,
        ScreeningModule,
        TransactionsModule,
        CloudModule,
        DecisionsModule,
        NetworksApiModule,
        UiModule,
        MetricsModule,
        ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute || Number.MAX_SAFE_INTEGER }] }),
      ],
      controllers: [HealthController],
      // rate limit per client address (RATE_LIMIT_PER_MINUTE; 0 = none)
      providers: config.rateLimitPerMinute > 0 ? [{ provide: APP_GUARD, useClass: ThrottlerGuard }] : [],
    };
  }
}
