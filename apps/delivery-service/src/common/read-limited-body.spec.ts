import { Readable } from 'node:stream';
import { readLimitedBody } from './read-limited-body';

describe('readLimitedBody', () => {
  it('reads a body under the limit whole', async () => {
    await expect(readLimitedBody(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 4)).resolves.toEqual({
      text: 'abcd',
      truncated: false,
    });
  });

  it('cuts at the limit, marks it truncated and stops reading', async () => {
    const stream = Readable.from([Buffer.from('abc'), Buffer.from('def'), Buffer.from('ghi')]);

    await expect(readLimitedBody(stream, 5)).resolves.toEqual({ text: 'abcde', truncated: true });
    expect(stream.destroyed).toBe(true);
  });

  it('marks a body one byte past the limit as truncated', async () => {
    await expect(readLimitedBody(Readable.from([Buffer.from('abcd'), Buffer.from('e')]), 4)).resolves.toEqual(
      {
        text: 'abcd',
        truncated: true,
      },
    );
  });
});
