import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '..');
const BUILD_SCRIPT = join(ROOT, 'src', 'bin', 'build-if-needed.js');

/** The production build (what `npm start` and `npx chipguard` compile) type-checks with test helpers excluded. */
describe('build', () => {
  it('tsc -p tsconfig.build.json succeeds', () => {
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--noEmit', '--pretty', 'false'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('the production build carries the web interface (nest-cli.json assets) into dist/', () => {
    const r = spawnSync(process.execPath, [BUILD_SCRIPT, '--force'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const f of ['index.html', 'app.js', 'style.css']) expect(existsSync(join(ROOT, 'dist', 'ui', 'static', f))).toBe(true);
  });

  describe('build-if-needed on a small project', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipguard-build-'));
    const run = () => spawnSync(process.execPath, [BUILD_SCRIPT, dir], { encoding: 'utf8' });
    const writeMain = (code: string) => writeFileSync(join(dir, 'src', 'main.ts'), code);
    beforeAll(() => {
      mkdirSync(join(dir, 'src'));
      writeFileSync(
        join(dir, 'tsconfig.build.json'),
        JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: 'src', strict: true, types: [] }, include: ['src'] }),
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('a failed build exits 1 with the compiler message in a few lines, no stack trace, and leaves no dist/', () => {
      writeMain('const n: number = "text";\nexport { n };\n');
      const r = run();
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/main\.ts\(1,7\): error TS2322/);
      expect(r.stderr).toMatch(/the build failed/);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(5);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(join(dir, 'dist'))).toBe(false);
    });

    it('the next run builds again; a later failure removes the dist/ it had built', () => {
      writeMain('const n: number = 1;\nexport { n };\n');
      expect(run().status).toBe(0);
      expect(existsSync(join(dir, 'dist', 'main.js'))).toBe(true);
      expect(run().stderr).toBe(''); // up to date: nothing to build

      writeMain('const n: number = "text";\nexport { n };\n');
      expect(run().status).toBe(1);
      expect(existsSync(join(dir, 'dist'))).toBe(false);
    });
  });
});
