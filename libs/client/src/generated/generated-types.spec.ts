import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const SERVICES = ['subscription-service', 'event-ingest-service', 'audit-projection-service'];

describe('the generated client types', () => {
  it.each(SERVICES)('match docs/openapi/%s.json (npm run client:generate rewrites them)', (service) => {
    // openapi-typescript is an ES module with ES-only dependencies: it runs in its own Node process.
    const generated = execFileSync(
      process.execPath,
      ['tools/client/generate-types.mjs', '--print', service],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(generated).toBe(readFileSync(path.join(__dirname, `${service}.ts`), 'utf8'));
  });
});
