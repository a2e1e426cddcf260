export interface Truncated {
  text: string;
  truncated: boolean;
}

/** Keeps at most `maxBytes` of UTF-8, cutting before a character rather than through it. */
export function truncateUtf8(text: string, maxBytes: number): Truncated {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) {
    return { text, truncated: false };
  }
  let end = maxBytes;
  const bytes = Buffer.from(text, 'utf8');
  // Continuation bytes are 10xxxxxx: back up to the first byte of the character that would be split.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) {
    end -= 1;
  }
  return { text: bytes.subarray(0, end).toString('utf8'), truncated: true };
}
