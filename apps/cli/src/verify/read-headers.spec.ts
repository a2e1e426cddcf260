import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDirectory } from '../testing/temp-directory';
import { readHeaders } from './read-headers';

describe(readHeaders.name, () => {
  const temp = tempDirectory('hookline-headers-');
  beforeEach(temp.create);
  afterEach(temp.remove);

  it('reads a JSON object and lower-cases the names', () => {
    const file = path.join(temp.path(), 'headers.json');
    writeFileSync(file, JSON.stringify({ 'Webhook-Id': 'evt_1', 'webhook-signature': ['v1,a', 'v1,b'] }));
    expect(readHeaders(file, [])).toEqual({ 'webhook-id': 'evt_1', 'webhook-signature': 'v1,a v1,b' });
  });

  it('reads `Name: value` lines, and -H options win', () => {
    const file = path.join(temp.path(), 'headers.txt');
    writeFileSync(file, 'POST /hooks HTTP/1.1\r\nWebhook-Id: evt_1\r\nwebhook-timestamp: 1700000000\r\n');
    expect(readHeaders(file, ['webhook-timestamp: 1700000001'])).toEqual({
      'webhook-id': 'evt_1',
      'webhook-timestamp': '1700000001',
    });
  });

  it('says which file it could not read', () => {
    expect(() => readHeaders(path.join(temp.path(), 'missing.json'), [])).toThrow(
      /cannot read --headers .*missing\.json/,
    );
  });
});
