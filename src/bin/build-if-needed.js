// Builds dist/ when it is missing or older than any file under src/ (used by `npm start`, `npm run build` and the CLI).
// The compiler writes into a fresh folder beside dist/ that replaces dist/ only when the build succeeds; a failed
// build removes dist/ (so the next start builds again) and prints the compiler's messages, without a stack trace.
// `node build-if-needed.js [projectDir] [--force]`; projectDir defaults to this project.
const { cpSync, existsSync, readFileSync, statSync, readdirSync, renameSync, rmSync } = require('fs');
const { join, resolve } = require('path');
const { spawnSync } = require('child_process');

const MAX_MESSAGES = 10;

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isStale(root) {
  const marker = join(root, 'dist', 'main.js');
  if (!existsSync(marker)) return true;
  const sources = Math.max(...['src', 'tsconfig.json', 'tsconfig.build.json'].map((p) => newestMtime(join(root, p))));
  return statSync(marker).mtimeMs < sources;
}

/** The non-TypeScript files nest-cli.json names as assets (the web interface), copied beside the compiled code. */
function copyAssets(root, outDir) {
  const config = join(root, 'nest-cli.json');
  if (!existsSync(config)) return;
  const { compilerOptions = {}, sourceRoot = 'src' } = JSON.parse(readFileSync(config, 'utf8'));
  for (const asset of compilerOptions.assets ?? []) {
    const dir = String(asset.include ?? asset).replace(/\/\*\*(\/\*)?$/, '');
    cpSync(join(root, sourceRoot, dir), join(outDir, dir), { recursive: true });
  }
}

/** Compiles tsconfig.build.json into dist/; returns null on success, else the compiler's messages. */
function build(root) {
  const dist = join(root, 'dist');
  const next = join(root, `dist.building-${process.pid}`);
  rmSync(next, { recursive: true, force: true });
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', next, '--pretty', 'false'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (tsc.status === 0 && !tsc.error) {
    copyAssets(root, next);
    const old = join(root, `dist.old-${process.pid}`);
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(next, dist);
    rmSync(old, { recursive: true, force: true });
    return null;
  }
  rmSync(next, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
  const lines = `${tsc.stdout ?? ''}${tsc.stderr ?? ''}${tsc.error ? tsc.error.message : ''}`.split('\n').filter((l) => l.trim());
  const errors = lines.filter((l) => /error TS\d+/.test(l));
  const shown = (errors.length ? errors : lines).slice(0, MAX_MESSAGES);
  const more = (errors.length || lines.length) - shown.length;
  return shown.join('\n') + (more > 0 ? `\n… and ${more} more` : '');
}

/** Builds when needed; on failure prints the compiler's messages and exits with status 1. */
function ensureBuilt(root = resolve(__dirname, '..', '..'), force = false) {
  if (!force && !isStale(root)) return;
  process.stderr.write('chipguard: building (first run or sources changed)…\n');
  const failure = build(root);
  if (failure === null) return;
  process.stderr.write(`${failure}\nchipguard: the build failed (tsc -p tsconfig.build.json); dist/ was removed, nothing was started.\n`);
  process.exit(1);
}

module.exports = { ensureBuilt, isStale };

if (require.main === module) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  ensureBuilt(dir ? resolve(dir) : undefined, args.includes('--force'));
}
