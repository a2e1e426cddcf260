import { TokenEndpointError } from './token-endpoint.error';

export interface IssuedToken {
  accessToken: string;
  /** `expires_in` in seconds; null when the token endpoint did not say. */
  expiresInSeconds: number | null;
}

/** Longest `error_description` quoted in the log. */
const DESCRIPTION_MAX_LENGTH = 200;
// It goes into the Authorization header as is: nothing that could end the header line.
const HEADER_SAFE_TOKEN = /^[\x21-\x7e]+$/;

/**
 * The access token of a token endpoint's answer (RFC 6749 §5.1), or a `TokenEndpointError` naming the
 * status and the OAuth `error` (§5.2). `secret` is scrubbed from anything quoted back.
 */
export function parseTokenResponse(status: number, body: string, secret: string): IssuedToken {
  const json = parseJsonObject(body);
  if (status < 200 || status >= 300) {
    throw new TokenEndpointError(`token endpoint answered ${status}${describeOAuthError(json, secret)}`);
  }
  if (json === null) {
    throw new TokenEndpointError(`token endpoint answered ${status} without a JSON object`);
  }
  const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn } = json;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new TokenEndpointError(`token endpoint answered ${status} without an access_token`);
  }
  if (!HEADER_SAFE_TOKEN.test(accessToken)) {
    throw new TokenEndpointError(
      `token endpoint answered ${status} with an access_token that is not printable ASCII`,
    );
  }
  // RFC 6749 requires token_type; some servers leave it out, and then it can only mean Bearer.
  if (tokenType !== undefined && (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer')) {
    throw new TokenEndpointError(
      `token endpoint answered ${status} with token_type ${JSON.stringify(tokenType)}; only Bearer is supported`,
    );
  }
  return { accessToken, expiresInSeconds: secondsOf(expiresIn) };
}

function parseJsonObject(body: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** `expires_in` as a number of seconds; some servers send it as a string of digits. */
function secondsOf(value: unknown): number | null {
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

function describeOAuthError(json: Record<string, unknown> | null, secret: string): string {
  const code = json?.error;
  if (typeof code !== 'string' || code === '') {
    return '';
  }
  const description = json?.error_description;
  const quoted =
    typeof description === 'string' && description !== ''
      ? `: ${scrub(description, secret).slice(0, DESCRIPTION_MAX_LENGTH)}`
      : '';
  return ` (${scrub(code, secret).slice(0, DESCRIPTION_MAX_LENGTH)}${quoted})`;
}

function scrub(text: string, secret: string): string {
  return secret === '' ? text : text.split(secret).join('[redacted]');
}
