import { spawnSync } from 'node:child_process';
import type { Config } from 'jest';

/**
 * Containers tier: the four production images (docker/Dockerfile), built by the global setup and run
 * through testcontainers against the run's Kafka and Postgres. It runs the foundation end-to-end path
 * and the SIGTERM test on the containers (e2e/support/platform.ts starts containers in this tier),
 * plus the replica tests of e2e/containers/. Without a Docker engine it runs nothing and says why.
 */
const engine = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
  encoding: 'utf8',
  timeout: 15_000,
});
const engineAvailable = engine.status === 0;
if (!engineAvailable) {
  process.stderr.write(
    '\n[containers] SKIPPED: no Docker engine answers `docker info` ' +
      `(${(engine.stderr || engine.error?.message || 'docker not installed').trim()}). ` +
      'Install docker.io and start dockerd to run this tier; `.ci/run` does both.\n\n',
  );
}

const config: Config = {
  displayName: 'containers',
  rootDir: '.',
  preset: './jest.preset.js',
  testMatch: engineAvailable
    ? [
        '<rootDir>/e2e/foundation.e2e-spec.ts',
        '<rootDir>/e2e/delivery-sigterm.e2e-spec.ts',
        '<rootDir>/e2e/containers/**/*.containers-spec.ts',
      ]
    : [],
  passWithNoTests: !engineAvailable,
  globalSetup: engineAvailable ? '<rootDir>/tools/jest/containers-global-setup.mjs' : undefined,
  globalTeardown: engineAvailable ? '<rootDir>/tools/jest/global-teardown.mjs' : undefined,
  testTimeout: 180_000,
};

export default config;
