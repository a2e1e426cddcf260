const { pathsToModuleNameMapper } = require('./tools/jest/paths');

/** Shared Jest settings: SWC transform with decorator metadata, tsconfig path aliases. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { swcrc: false, ...require('./tools/jest/swc.json') }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(),
  setupFiles: ['reflect-metadata'],
};
