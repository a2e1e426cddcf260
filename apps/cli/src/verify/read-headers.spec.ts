import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readHeaders } from './read-headers';

describe(readHeaders.name, () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'hookline-headers-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('reads a JSON object and lower-cases the names', () => {
    const file = path.join(directory, 'headers.json');
    writeFileSync(file, JSON.stringify({ 'Webhook-Id': 'evt_1', 'webhook-signature': ['v1,a', 'v1,b'] }));
    expect(readHeaders(file, [])).toEqual({ 'webhook-id': 'evt_1', 'webhook-signature': 'v1,a v1,b' });
  });

  it('reads `Name: value` lines, and -H options win', () => {
    const file = path.join(directory, 'headers.txt');
    writeFileSync(file, 'POST /hooks HTTP/1.1\r\nWebhook-Id: evt_1\r\nwebhook-timestamp: 1700000000\r\n');
    expect(readHeaders(file, ['webhook-timestamp: 1700000001'])).toEqual({
      'webhook-id': 'evt_1',
      'webhook-timestamp': '1700000001',
    });
  });

  it('says which file it could not read', () => {
    expect(() => readHeaders(path.join(directory, 'missing.json'), [])).toThrow(
      /cannot read --headers .*missing\.json/,
    );
  });
});
