import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..');

/** Starts the service (src/main.ts) in its own process; resolves on exit or when `until` appears in its output. */
function run(env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; output: string; child: ChildProcess }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['-r', './test/bench/register-ts.js', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, CHIPGUARD_AUTO_UPDATE: '0', LOG_LEVEL: 'info', ...env },
    });
    let output = '';
    const onData = (c: Buffer) => {
      output += c.toString();
      if (until && until.test(output)) done({ code: null, output, child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => done({ code, output, child }));
  });
}

describe('HOST and local mode at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chipguard-host-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to listen on a non-loopback HOST while no key exists', async () => {
    const { code, output } = await run({ HOST: '0.0.0.0', PORT: '3302', DATABASE_URL: `sqlite:${join(dir, 'a.sqlite')}` });
    expect(code).toBe(2);
    expect(output).toMatch(/refusing to listen on HOST=0\.0\.0\.0: no API key exists/);
  });

  it('without HOST it listens on 127.0.0.1 only and says it is in local mode', async () => {
    const { child, output } = await run({ PORT: '3303', DATABASE_URL: `sqlite:${join(dir, 'b.sqlite')}` }, /local mode/);
    child.kill();
    expect(output).toMatch(/"message":"chipguard listening","port":3303,"host":"127\.0\.0\.1"/);
    expect(output).toMatch(/local mode: no API key exists, so chipguard listens on 127\.0\.0\.1 only/);
  });
});
