import type { AuthType, RetryChoice, SignatureSchemeType, Webhook, WebhookInput } from '../../api/types';

export interface HeaderRow {
  name: string;
  value: string;
}

export interface WebhookFormValues {
  name: string;
  description: string;
  url: string;
  authType: AuthType;
  username: string;
  password: string;
  token: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  audience: string;
  headers: HeaderRow[];
  /** PEM texts of the TLS settings; the stored ones are never shown back, so they start empty. */
  tlsClientCertificate: string;
  tlsPrivateKey: string;
  tlsCaCertificates: string;
  /** Editing: remove the stored TLS settings. */
  tlsRemove: boolean;
  events: string[];
  /** The payload filter as JSON text; empty for none. */
  filter: string;
  retryPreset: RetryChoice;
  customDelays: string;
  timeoutSeconds: string;
  ordered: boolean;
  signatureType: SignatureSchemeType;
  signatureHeader: string;
  active: boolean;
}

/** Fields the API names in its validation messages, so each problem is shown next to its field. */
export const WEBHOOK_FIELDS = [
  'name',
  'description',
  'url',
  'auth',
  'headers',
  'tls',
  'events',
  'filter',
  'retryPolicy',
  'timeoutSeconds',
  'ordered',
  'signatureScheme',
  'active',
] as const;
export type WebhookField = (typeof WEBHOOK_FIELDS)[number];

export function emptyFormValues(): WebhookFormValues {
  return {
    name: '',
    description: '',
    url: '',
    authType: 'none',
    username: '',
    password: '',
    token: '',
    tokenUrl: '',
    clientId: '',
    clientSecret: '',
    scope: '',
    audience: '',
    headers: [],
    tlsClientCertificate: '',
    tlsPrivateKey: '',
    tlsCaCertificates: '',
    tlsRemove: false,
    events: [],
    filter: '',
    retryPreset: 'inherit',
    customDelays: '',
    timeoutSeconds: '15',
    ordered: false,
    signatureType: 'standard-webhooks',
    signatureHeader: '',
    active: false,
  };
}

export function formValuesOf(webhook: Webhook): WebhookFormValues {
  return {
    name: webhook.name,
    description: webhook.description ?? '',
    url: webhook.url,
    authType: webhook.auth.type,
    username: webhook.auth.username ?? '',
    password: '',
    token: '',
    tokenUrl: webhook.auth.tokenUrl ?? '',
    clientId: webhook.auth.clientId ?? '',
    clientSecret: '',
    scope: webhook.auth.scope ?? '',
    audience: webhook.auth.audience ?? '',
    headers: Object.entries(webhook.headers).map(([name, value]) => ({ name, value })),
    tlsClientCertificate: '',
    tlsPrivateKey: '',
    tlsCaCertificates: '',
    tlsRemove: false,
    events: webhook.events,
    filter: webhook.filter === null ? '' : JSON.stringify(webhook.filter, null, 2),
    retryPreset: webhook.retryPolicy?.preset ?? 'inherit',
    customDelays: (webhook.retryPolicy?.delaysSeconds ?? []).join(', '),
    timeoutSeconds: String(webhook.timeoutSeconds),
    ordered: webhook.ordered,
    signatureType: webhook.signatureScheme.type,
    signatureHeader: webhook.signatureScheme.header ?? '',
    active: webhook.active,
  };
}

/**
 * The request body. Values are passed as typed, unchecked: the API validates and its messages are
 * shown on the fields. On edit, credentials and headers are sent only when changed, because the API
 * never returns the stored secrets and a redacted header value must not overwrite the real one.
 */
export function toWebhookInput(values: WebhookFormValues, initial: Webhook | null): Partial<WebhookInput> {
  const delays = values.customDelays
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  const input: Partial<WebhookInput> = {
    name: values.name,
    description: values.description === '' ? null : values.description,
    url: values.url.trim(),
    events: values.events,
    filter: filterInput(values.filter),
    retryPolicy: retryPolicyInput(values.retryPreset, delays),
    timeoutSeconds: Number(values.timeoutSeconds),
    ordered: values.ordered,
    signatureScheme:
      values.signatureType === 'hmac-sha256-hex' && values.signatureHeader.trim() !== ''
        ? { type: values.signatureType, header: values.signatureHeader.trim() }
        : { type: values.signatureType },
  };
  const headers = Object.fromEntries(
    values.headers.filter((row) => row.name.trim() !== '').map((row) => [row.name.trim(), row.value]),
  );
  if (!initial || JSON.stringify(headers) !== JSON.stringify(initial.headers)) {
    input.headers = headers;
  }
  const auth = authInput(values);
  const authChanged =
    !initial ||
    values.authType !== initial.auth.type ||
    values.password !== '' ||
    values.token !== '' ||
    values.clientSecret !== '' ||
    (values.authType === 'basic' && values.username !== (initial.auth.username ?? '')) ||
    (values.authType === 'oauth2' && oauth2ClientChanged(values, initial));
  if (authChanged) {
    input.auth = auth;
  }
  const tls = tlsInput(values);
  if (tls !== undefined) {
    input.tls = tls;
  }
  if (!initial) {
    input.active = values.active;
  }
  return input;
}

/**
 * The TLS settings when the user gave some (replacing the stored ones as a whole), null when asked
 * to remove them, else left out: empty fields keep what is stored, which is never shown back.
 */
function tlsInput(values: WebhookFormValues): WebhookInput['tls'] {
  if (values.tlsRemove) {
    return null;
  }
  const pem = (text: string) => (text.trim() === '' ? null : text.trim() + '\n');
  const tls = {
    clientCertificate: pem(values.tlsClientCertificate),
    privateKey: pem(values.tlsPrivateKey),
    caCertificates: pem(values.tlsCaCertificates),
  };
  return Object.values(tls).every((value) => value === null) ? undefined : tls;
}

function retryPolicyInput(choice: RetryChoice, delays: number[]): WebhookInput['retryPolicy'] {
  if (choice === 'inherit') {
    return null;
  }
  return choice === 'custom' ? { preset: 'custom', delaysSeconds: delays } : { preset: choice };
}

/** Empty clears the filter; text that does not parse goes as typed, and the API names the problem. */
function filterInput(text: string): unknown {
  if (text.trim() === '') {
    return null;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function authInput(values: WebhookFormValues): WebhookInput['auth'] {
  switch (values.authType) {
    case 'none':
      return { type: 'none' };
    case 'basic':
      return { type: 'basic', username: values.username, password: values.password };
    case 'bearer':
      return { type: 'bearer', token: values.token };
    case 'oauth2':
      return {
        type: 'oauth2',
        tokenUrl: values.tokenUrl.trim(),
        clientId: values.clientId,
        clientSecret: values.clientSecret,
        scope: values.scope.trim() === '' ? null : values.scope.trim(),
        audience: values.audience.trim() === '' ? null : values.audience.trim(),
      };
  }
}

/** The API replaces auth as a whole, so a changed client goes with its secret (the API asks for it). */
function oauth2ClientChanged(values: WebhookFormValues, initial: Webhook): boolean {
  const stored = initial.auth;
  return (
    values.tokenUrl.trim() !== (stored.tokenUrl ?? '') ||
    values.clientId !== (stored.clientId ?? '') ||
    values.scope.trim() !== (stored.scope ?? '') ||
    values.audience.trim() !== (stored.audience ?? '')
  );
}
