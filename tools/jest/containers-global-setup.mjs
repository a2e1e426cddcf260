// Builds the four images (docker/build-images.sh: the local base when node:22-bookworm-slim cannot be
// pulled), then brings up the run's Kafka and Postgres like the other tiers.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import infraSetup from './global-setup.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function containersSetup() {
  // The Ryuk reaper image would have to be pulled; every test removes its containers itself.
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
  process.env.HOOKLINE_E2E_RUNTIME = 'containers';
  process.env.HOOKLINE_IMAGE_TAG ??= 'test';
  const started = Date.now();
  process.stderr.write('[containers] building the images ...\n');
  execFileSync('bash', [path.join(ROOT, 'docker/build-images.sh'), process.env.HOOKLINE_IMAGE_TAG], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  process.stderr.write(`[containers] images ready in ${Math.round((Date.now() - started) / 1000)} s\n`);
  await infraSetup();
}
