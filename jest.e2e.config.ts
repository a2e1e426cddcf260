import type { Config } from 'jest';

/** End-to-end tier: the four services as real processes, talked to over HTTP and Kafka. */
const config: Config = {
  displayName: 'e2e',
  rootDir: '.',
  preset: './jest.preset.js',
  testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/tools/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.mjs',
  testTimeout: 120_000,
};

export default config;
