import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startPlatform, type Platform } from './support/platform';

const OPENAPI_DIR = path.resolve(__dirname, '../docs/openapi');
const UPDATE = process.env.UPDATE_OPENAPI === 'true';

/** Serialises with sorted keys so the committed file only changes when the API does. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

describe('the committed OpenAPI documents', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it.each(['subscription', 'ingest', 'audit', 'delivery'] as const)(
    'match what %s-service serves at /docs-json (UPDATE_OPENAPI=true rewrites them)',
    async (service) => {
      const served = canonical(await (await fetch(`${platform[service].baseUrl}/docs-json`)).json());
      const file = path.join(OPENAPI_DIR, `${platform[service].app}.json`);
      if (UPDATE) {
        mkdirSync(OPENAPI_DIR, { recursive: true });
        writeFileSync(file, `${JSON.stringify(served, null, 2)}\n`);
      }
      const committed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      expect(served).toEqual(committed);
    },
  );
});
