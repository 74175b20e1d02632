import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { configureApp } from './common/http';
import { AppLogger } from './common/logger';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { AuthService } from './auth/auth.service';
import { isLoopbackHost } from './auth/request-origin';

export async function createApp(config: AppConfig) {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  // Nest's lines from before the logger existed, then everything (init, requests) through pino
  app.useLogger(app.get(AppLogger));
  app.flushLogs();
  configureApp(app, config);
  const doc = new DocumentBuilder()
    .setTitle('chipguard')
    .setDescription('Export-control compliance and smuggling-risk checks for AI accelerators')
    .setVersion('1')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc));
  return app;
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(e.message + '\n');
      process.exit(2);
    }
    throw e;
  }
  const app = await createApp(config);
  const host = config.host ?? '127.0.0.1';
  const local = await app.get(AuthService).localMode();
  if (local && !isLoopbackHost(host)) {
    process.stderr.write(
      `chipguard: refusing to listen on HOST=${host}: no API key exists, so anyone who can reach the port would be admin. ` +
        'Create one first (npx chipguard keys create --name "Ops Admin" --role admin), or leave HOST unset to listen on 127.0.0.1 only.\n',
    );
    await app.close();
    process.exit(2);
  }
  await app.listen(config.port, host);
  const logger = app.get(AppLogger);
  logger.log({ message: 'chipguard listening', port: config.port, host, database: config.databaseUrl.replace(/\/\/[^@]*@/, '//***@') }, 'main');
  if (local) {
    logger.warn(
      `local mode: no API key exists, so chipguard listens on ${host} only and treats requests from this machine as a local admin; ` +
        'create keys with `npx chipguard keys create` and set HOST to open it to the network',
      'main',
    );
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`chipguard failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
