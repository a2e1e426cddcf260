export interface LimitedBody {
  text: string;
  truncated: boolean;
}

/**
 * Reads at most `limitBytes` of a response body. Leaving the loop early destroys the stream,
 * so an endpoint streaming an endless body cannot hold a delivery slot.
 */
export async function readLimitedBody(
  body: AsyncIterable<Buffer | string>,
  limitBytes: number,
): Promise<LimitedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const room = limitBytes - size;
    if (buffer.length > room) {
      chunks.push(buffer.subarray(0, room));
      truncated = true;
      break;
    }
    chunks.push(buffer);
    size += buffer.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}
