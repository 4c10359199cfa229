import type { Config } from 'jest';

// One swc transform for every project: fast, and keeps decorator metadata for NestJS.
const transform: Config['transform'] = {
  '^.+\\.(ts|js|mjs)$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

// Tests run the libraries' sources, not their compiled dist (the workspace links in
// node_modules point at the packages, whose entries are dist/): no build before a test.
const moduleNameMapper = {
  '^@account-ops/event-store/testing$': '<rootDir>/libs/event-store/src/testing.ts',
  '^@account-ops/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
};

// otplib's crypto and base32 plugins (@noble, @scure), jose and oidc-provider ship as ES
// modules only; Node 20.19+ can require them, jest cannot, so swc turns them into CommonJS
// for the tests (none of them uses top-level await or import.meta).
const ESM_ONLY = ['@noble', '@scure', 'otplib', '@otplib', 'jose', 'oidc-provider'];

const common = {
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/scripts', '<rootDir>/test'],
  // Compiled output: never a test, never a module to map (duplicate package names).
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/libs/[^/]+/dist/'],
};

const config: Config = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      // *.browser-spec.ts: the ops console in headless Chromium (apps/console/test).
      testMatch: ['**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/postgres/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/postgres/global-teardown.ts',
    },
    {
      // Faults, load and hostile input (test/reliability). `npm test` runs the fast
      // subset; `npm run test:reliability` sets RELIABILITY_FULL=1 for the full counts.
      ...common,
      displayName: 'reliability',
      testMatch: ['**/test/reliability/**/*.rel-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/postgres/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/postgres/global-teardown.ts',
    },
  ],
};

export default config;
