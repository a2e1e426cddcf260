import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const SERVICES = ['subscription-service', 'event-ingest-service', 'audit-projection-service'];

// openapi-typescript is an ES module with ES-only dependencies: the generator runs in its own Node process.
const generate = (file: string): string =>
  execFileSync(process.execPath, ['tools/client/generate-types.mjs', '--print', file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
const committed = (file: string): string => readFileSync(path.join(__dirname, `${file}.ts`), 'utf8');

describe('the generated client types', () => {
  it.each(SERVICES)('match docs/openapi/%s.json (npm run client:generate rewrites them)', (service) => {
    expect(generate(service)).toBe(committed(service));
  });

  it('share the helper types and common endpoints that npm run client:generate writes to shared.ts', () => {
    expect(generate('shared')).toBe(committed('shared'));
  });
});
