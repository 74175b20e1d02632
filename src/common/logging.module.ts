import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/config';
import { AppLogger, pinoParams } from './logger';

/** JSON logs and access logs through pino (nestjs-pino) at LOG_LEVEL; main.ts makes AppLogger the app's logger. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: LoggingModule, imports: [LoggerModule.forRoot(pinoParams(config.logLevel))], providers: [AppLogger], exports: [AppLogger] };
  }
}
