import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { configureApp } from './common/http';
import { JsonLogger } from './common/logger';
import { AppConfig, ConfigError, loadConfig } from './config/config';

export async function createApp(config: AppConfig) {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bodyParser: false,
    logger: new JsonLogger(config.logLevel),
  });
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
  await app.listen(config.port);
  new JsonLogger(config.logLevel).log({ message: 'chipguard listening', port: config.port, database: config.databaseUrl.replace(/\/\/[^@]*@/, '//***@') }, 'main');
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`chipguard failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
