import { fileURLToPath } from 'node:url';

// Unit tests (beside the code) run once; e2e tests run on SQLite, and again on PostgreSQL when TEST_DATABASE_URL is set.
if (process.env.CI === 'true' && !process.env.TEST_DATABASE_URL) {
  throw new Error('CI=true but TEST_DATABASE_URL is not set: a CI run that skips PostgreSQL proves nothing.');
}

const rootDir = fileURLToPath(new URL('..', import.meta.url));

const base = {
  rootDir,
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }] },
  setupFiles: ['<rootDir>/test/support/setup.ts'],
  testEnvironment: 'node',
};

// `*.postgres.e2e-spec.ts`: scale-out tests (several instances on one database), which only PostgreSQL supports.
const e2e = (database) => ({
  ...base,
  displayName: `e2e:${database}`,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: database === 'sqlite' ? ['\\.postgres\\.e2e-spec\\.ts$'] : [],
  globals: { KOLABORA_TEST_DATABASE: database },
});

export default {
  rootDir,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/workflows/**/*.spec.ts', '<rootDir>/web/src/**/*.spec.ts'],
    },
    e2e('sqlite'),
    // The web console in Debian's Chromium against the real app (SQLite): screens, axe, the founders' walks.
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/**/*.browser-spec.ts'],
      globals: { KOLABORA_TEST_DATABASE: 'sqlite' },
    },
    ...(process.env.TEST_DATABASE_URL ? [e2e('postgres')] : []),
  ],
  testTimeout: 30_000,
  // One process running every suite keeps what ESM modules and apps leave behind (4.6 GB after ~90 suites, later suites
  // 5–10× slower, timeouts): a worker is recycled once it holds more than this after a suite.
  workerIdleMemoryLimit: '1GB',
};
