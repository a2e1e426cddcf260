import type { Config } from 'jest';

/** Fuzzing tier: the OpenAPI documents drive generated requests against the real services. */
const config: Config = {
  displayName: 'fuzz',
  rootDir: '.',
  preset: './jest.preset.js',
  testMatch: ['<rootDir>/e2e/fuzz/**/*.fuzz-spec.ts'],
  globalSetup: '<rootDir>/tools/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.mjs',
  testTimeout: 900_000,
};

export default config;
