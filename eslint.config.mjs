// ESLint (flat config): typescript-eslint's recommended rules (not the type-checked presets: fast, and no
// project service), Prettier owns the formatting. The domain folders stay framework-free.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const FRAMEWORK_FREE = ['src/rules', 'src/screening', 'src/risk', 'src/networks', 'src/decision'];
/** the thin Nest shells beside the domain code: modules, controllers, providers, DTOs, CLI commands */
const NEST_SHELLS = ['module', 'controller', 'service', 'dto', 'cli'].map((kind) => `src/**/*.${kind}.ts`);

export default tseslint.config(
  { ignores: ['dist/**', 'dist.*/**', 'node_modules/**', 'coverage/**', 'var/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Nest modules are classes without members; require() is used on purpose for lazy and optional loads
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts', 'src/**/*.testing.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/*.testing', '**/*.spec'], message: 'test helpers never reach dist/: import them only from tests' }] },
      ],
    },
  },
  {
    files: FRAMEWORK_FREE.map((dir) => `${dir}/**/*.ts`),
    ignores: NEST_SHELLS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'domain logic is plain TypeScript: keep Nest in the module shells (controllers, providers)' },
            { group: ['typeorm', 'typeorm/*'], message: 'domain logic is plain TypeScript: keep TypeORM in src/database' },
          ],
        },
      ],
    },
  },
  {
    // tests load modules lazily and poke at loose JSON bodies
    files: ['test/**/*.ts', 'src/**/*.spec.ts', 'src/**/*.testing.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // the web interface: ES modules that run in the browser
    files: ['src/ui/static/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'document',
          'window',
          'location',
          'history',
          'fetch',
          'URL',
          'URLSearchParams',
          'FormData',
          'File',
          'Node',
          'XMLHttpRequest',
          'setTimeout',
          'clearTimeout',
          'console',
          'navigator',
          'Blob',
          'sessionStorage',
          'CustomEvent',
          'requestAnimationFrame',
        ].map((g) => [g, 'readonly']),
      ),
    },
  },
  prettier,
);
