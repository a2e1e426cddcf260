const DELTA_SECONDS = /^\s*(\d{1,10})\s*$/;
// RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients must accept.
const HTTP_DATE = [
  /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Za-z]{6,9}, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
];

/**
 * Milliseconds a `Retry-After` value asks to wait from `nowMs` (delta-seconds or an HTTP-date),
 * 0 for a date already past, or null when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined | null, nowMs: number): number | null {
  if (value === undefined || value === null) {
    return null;
  }
  const delta = DELTA_SECONDS.exec(value);
  if (delta) {
    return Number(delta[1]) * 1_000;
  }
  const text = value.trim();
  if (!HTTP_DATE.some((pattern) => pattern.test(text))) {
    return null;
  }
  const at = Date.parse(/GMT$/.test(text) ? text : `${text} GMT`);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
