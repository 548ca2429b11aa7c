import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'test-output/', 'web/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true, allowTypedFunctionExpressions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The web console (web/, its own tsconfig): React components return JSX, whose type says nothing more.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: { '@typescript-eslint/explicit-function-return-type': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/explicit-function-return-type': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // One raw-SQL path: the sql tag (src/database/sql.ts), which converts values the same way on both drivers. test/ is
    // exempt: supertest's .query() is a query string there, and the suites run admin SQL on their own databases.
    files: ['src/**/*.ts'],
    ignores: ['src/database/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...["CallExpression[callee.property.name='query']", "CallExpression[callee.property.value='query']"].map((selector) => ({
          selector,
          message: 'Raw SQL goes through the sql tag (src/database/sql.ts), not .query(); see frag and inList there.',
        })),
      ],
    },
  },
  {
    // The machines are pure: they may import xstate and each other, nothing from Nest, TypeORM or src/.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!xstate$|\\.{1,2}/)', message: 'workflows/ may import only xstate and files inside workflows/' },
            { group: ['**/src/**'], message: 'workflows/ may not import from src/' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        setImmediate: 'readonly',
        performance: 'readonly',
        PerformanceObserver: 'readonly',
        document: 'readonly',
        structuredClone: 'readonly',
      },
    },
  },
);
