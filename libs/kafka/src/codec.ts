import type { IHeaders } from 'kafkajs';

export type HeaderMap = Record<string, string>;

export function encodeJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

export type DecodeResult = { ok: true; value: unknown } | { ok: false; reason: string };

export function decodeJson(value: Buffer | null): DecodeResult {
  if (value === null) {
    return { ok: false, reason: 'message has no value' };
  }
  try {
    return { ok: true, value: JSON.parse(value.toString('utf8')) as unknown };
  } catch (error) {
    return { ok: false, reason: `value is not valid JSON: ${(error as Error).message}` };
  }
}

/** A message value decoded as JSON and checked by `validate` (a contract's validator), or why it is refused. */
export function decodeValidated<T>(
  value: Buffer | null,
  validate: (decoded: unknown) => { ok: true; value: T } | { ok: false; reason: string },
): { ok: true; value: T } | { ok: false; reason: string } {
  const decoded = decodeJson(value);
  return decoded.ok ? validate(decoded.value) : decoded;
}

/** kafkajs hands headers as Buffers (or arrays of them); we only use single string values. */
export function readHeaders(headers: IHeaders | undefined): HeaderMap {
  const result: HeaderMap = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) {
      result[name] = value.toString();
    }
  }
  return result;
}
