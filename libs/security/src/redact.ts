export const REDACTED = '[redacted]';

const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'webhook-signature',
  'x-api-key',
]);
const SENSITIVE_NAME_PARTS = ['signature', 'secret', 'token', 'password'];

export function isSensitiveHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SENSITIVE_HEADERS.has(lower) || SENSITIVE_NAME_PARTS.some((part) => lower.includes(part));
}

/** An HTTP authentication scheme followed by its credentials (`Basic …`, `Bearer …`), whatever the header's name. */
const CREDENTIAL_VALUE = /^\s*(basic|bearer|digest|token|negotiate|ntlm|hoba|mutual|aws4-hmac-sha256)\s+\S/i;

export function isSensitiveHeaderValue(value: unknown): boolean {
  return typeof value === 'string' && CREDENTIAL_VALUE.test(value);
}

/**
 * A copy safe for logs and stored attempts: values of credential-bearing names, and values that are
 * credentials by their scheme, become `[redacted]`; names keep their casing.
 */
export function redactHeaders<Value>(
  headers: Readonly<Record<string, Value>>,
): Record<string, Value | typeof REDACTED> {
  // fromEntries defines own properties, so a "__proto__" header can't reach the prototype.
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      isSensitiveHeader(name) || isSensitiveHeaderValue(value) ? REDACTED : value,
    ]),
  );
}
