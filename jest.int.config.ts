import type { Config } from 'jest';

/** Integration tier: `*.int-spec.ts` against a real Kafka broker and a real Postgres. */
const config: Config = {
  displayName: 'int',
  rootDir: '.',
  preset: './jest.preset.js',
  testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/tools/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.mjs',
  testTimeout: 60_000,
};

export default config;
