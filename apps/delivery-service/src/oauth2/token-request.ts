import type { OAuth2Client } from './oauth2-client';

export interface TokenRequest {
  headers: Record<string, string>;
  body: string;
}

/**
 * The client credentials grant (RFC 6749 §4.4.2) authenticated with client_secret_basic (§2.3.1): the
 * id and secret are form-encoded, then sent as HTTP Basic.
 */
export function buildTokenRequest(client: OAuth2Client, userAgent: string): TokenRequest {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (client.scope !== null) {
    body.set('scope', client.scope);
  }
  if (client.audience !== null) {
    body.set('audience', client.audience);
  }
  const credentials = `${formEncode(client.clientId)}:${formEncode(client.clientSecret)}`;
  return {
    headers: {
      authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'user-agent': userAgent,
    },
    body: body.toString(),
  };
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice('v='.length);
}
