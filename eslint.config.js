import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Style rules live here, not only in prose: the core's boundaries and the config rule are enforced.
export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'dist/',
      'web/dist/',
      'test/e2e/.web-dist/',
      'coverage/',
      'bench/results/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through src/config.ts (loadConfig), validated once at boot.',
        },
      ],
    },
  },
  {
    // The pages' hooks follow React's rules (called in the same order, complete dependencies).
    files: ['web/src/**/*.tsx', 'web/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/**', '**/http/**', '**/cli/**', '**/jobs/**', '**/web/**'],
              message: 'The core imports no adapter.',
            },
            {
              // The composition layer and the process's configuration sit above the core.
              group: ['**/app/**', '**/config.js', '**/reactions.js'],
              message:
                'The core imports neither src/app nor src/config.ts: they are wired around it.',
            },
            {
              group: [
                'kysely',
                'kysely/*',
                'pg',
                '@electric-sql/*',
                'hono',
                'hono/*',
                '@hono/*',
                'pino',
              ],
              message: 'The core knows no database driver, HTTP framework or logger.',
            },
          ],
        },
      ],
    },
  },
  {
    // Adapters call the composition layer (src/app), which wires repositories to use cases; only
    // opening the database (the dialect, its lock) and migrating it are theirs to do directly.
    files: ['src/http/**/*.ts', 'src/jobs/**/*.ts', 'src/cli/**/*.ts', 'src/server.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/db/**',
                '!**/db/dialect.js',
                '!**/db/data-dir-lock.js',
                '!**/db/migrate.js',
                '!**/db/migrations/**',
              ],
              message: 'Adapters reach the database through src/app (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // The database adapter decides nothing: it never calls up into the composition layer.
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/http/**', '**/cli/**', '**/jobs/**', '**/reactions.js'],
              message: 'src/db holds repositories, queries, migrations and the dialect only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Configuration, test and benchmark harnesses are the places allowed to read the environment.
    files: ['src/config.ts', 'test/**/*.ts', 'bench/**/*.ts', 'vitest.config.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['vitest.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
