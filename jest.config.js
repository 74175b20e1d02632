// Two projects: unit tests next to the code (src/**/*.spec.ts) and end-to-end
// tests against the real Nest app and a real SQLite file (test/**/*.e2e-spec.ts).
// ts-jest runs with isolatedModules (no type-check); `npm test` runs tsc first.
const tsJest = ['ts-jest', { tsconfig: { ...require('./tsconfig.json').compilerOptions, isolatedModules: true }, diagnostics: false }];
const common = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};
module.exports = {
  // e2e tests import real list files (seconds each on 2 cores); no test asserts on time
  testTimeout: 180000,
  projects: [
    { ...common, displayName: 'unit', rootDir: 'src', testRegex: '.*\\.spec\\.ts$' },
    { ...common, displayName: 'e2e', rootDir: 'test', testRegex: '.*\\.e2e-spec\\.ts$', testPathIgnorePatterns: ['/postgres/'] },
    // the same service on PostgreSQL, when a server is given (.ci/run starts one)
    ...(process.env.TEST_POSTGRES_URL ? [{ ...common, displayName: 'postgres', rootDir: 'test/postgres', testRegex: '.*\\.e2e-spec\\.ts$' }] : []),
  ],
};
