/**
 * An escape sequence of JSON.stringify's output: an escaped backslash (kept, so the `\u0000`
 * after it is read as text), an escaped NUL, or an escaped lone surrogate (JSON.stringify writes
 * paired surrogates as they are and escapes only the lone ones).
 */
const UNSTORABLE_ESCAPE = /\\(?:\\|u0000|ud[89a-f][0-9a-f]{2})/g;

/**
 * JSON that Postgres stores as jsonb and as text extracted from it: NUL and lone UTF-16
 * surrogates, which it refuses, become U+FFFD (as encoding a lone surrogate to UTF-8 does), in
 * keys and values alike. Anything else is exactly `JSON.stringify(value)`.
 */
export function toStorableJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\u') ? json.replace(UNSTORABLE_ESCAPE, storableEscape) : json;
}

function storableEscape(escape: string): string {
  return escape === '\\\\' ? escape : '\\ufffd';
}
