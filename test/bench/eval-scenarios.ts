/**
 * `npm run eval:scenarios`: every order of the scenario suite (test/scenarios.ts, SCENARIOS and
 * LEGAL_EDGE_CASES) through POST /v1/transactions/screen of the real app, on a fresh SQLite file with the
 * real shared lists; prints agree / over-blocking / under-blocking counts. Exit code 1 on under-blocking.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { loadConfig } from '../../src/config/config';
import { IMPORT_ROLES, SHARED_LIST_SET, sharedListsDir } from '../../src/lists/list-files.testing';
import { createApp } from '../../src/main';
import { formatFigures, ScenarioOutcome, scenarioFigures } from '../scenario-eval';
import { LEGAL_EDGE_CASES, SCENARIOS } from '../scenarios';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-eval-scenarios-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'eval.sqlite')}`,
    CHIPGUARD_AUTO_UPDATE: '0',
    CHIPGUARD_LOAD_SAMPLE: '0',
    LOG_LEVEL: 'error',
    LIST_MAX_AGE_DAYS: '36500',
  });
  const app = await createApp(config);
  await app.init();
  try {
    const http = app.getHttpServer();
    for (const { format, files } of SHARED_LIST_SET) {
      let req = request(http).post('/v1/lists/import').field('format', format);
      files.forEach((name, i) => (req = req.attach(IMPORT_ROLES[i], readFileSync(join(sharedListsDir(), name)), name)));
      const res = await req;
      if (res.status !== 200) throw new Error(`import of ${files.join(', ')} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const outcomes: ScenarioOutcome[] = [];
    for (const s of [...SCENARIOS, ...LEGAL_EDGE_CASES]) {
      const res = await request(http).post('/v1/transactions/screen').send(s.request);
      if (res.status !== 200) throw new Error(`${s.name}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      outcomes.push({ name: s.name, expected: s.decision, actual: res.body.decision });
    }
    const figures = scenarioFigures(outcomes);
    process.stdout.write(formatFigures(figures) + '\n');
    if (figures.under > 0) process.exitCode = 1;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(2);
});
