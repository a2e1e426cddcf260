import type { Config } from 'jest';

/** Unit tier: `*.spec.ts`, no I/O. */
const config: Config = {
  displayName: 'unit',
  rootDir: '.',
  preset: './jest.preset.js',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
};

export default config;
