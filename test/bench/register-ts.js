// Minimal require hook so benchmark and evaluation scripts run straight from TypeScript:
//   node -r ./test/bench/register-ts.js test/bench/bench-lists.ts
// Transpile only (no type-check; `npm test` type-checks), CommonJS, decorators on.
const ts = require('typescript');
const { readFileSync } = require('fs');

require.extensions['.ts'] = function (module, filename) {
  const source = readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      resolveJsonModule: true,
      sourceMap: false,
    },
  });
  module._compile(outputText, filename);
};
