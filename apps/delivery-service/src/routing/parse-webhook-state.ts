import { RETRY_POLICY_LIMITS, RETRY_PRESETS, type WebhookState } from '@hookline/contracts';

export type WebhookStateParse = { ok: true; value: WebhookState } | { ok: false; errors: string[] };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNonEmptyString = (value: unknown): value is string => isString(value) && value !== '';

/**
 * Checks a `hookline.subscriptions.v1` value before it enters the routing table; contracts
 * declare `WebhookState` as an interface only, so the shape delivery relies on is checked here.
 */
export function parseWebhookState(webhookId: string, input: unknown): WebhookStateParse {
  if (!isObject(input)) {
    return { ok: false, errors: ['state must be a JSON object'] };
  }
  const errors: string[] = [];
  const expect = (condition: boolean, message: string) => {
    if (!condition) {
      errors.push(message);
    }
  };

  expect(input.id === webhookId, `id must equal the message key (${webhookId})`);
  expect(isNonEmptyString(input.organizationId), 'organizationId must be a non-empty string');
  expect(isNonEmptyString(input.url), 'url must be a non-empty string');
  expect(
    Array.isArray(input.events) && input.events.every(isNonEmptyString),
    'events must be an array of strings',
  );
  expect(typeof input.active === 'boolean', 'active must be a boolean');
  expect(
    isAuth(input.auth),
    'auth must be {type: none}, {type: basic, username, encryptedPassword} or {type: bearer, encryptedToken}',
  );
  // States published before header values were sealed carry them in clear, as `headers`.
  const sealedHeaders = input.encryptedHeaders ?? (input.headers === undefined ? undefined : {});
  expect(isStringRecord(sealedHeaders), 'encryptedHeaders must map names to sealed values');
  expect(input.headers === undefined || isStringRecord(input.headers), 'headers must map names to strings');
  expect(
    isObject(input.retryPolicy) && (RETRY_PRESETS as readonly unknown[]).includes(input.retryPolicy.preset),
    `retryPolicy.preset must be one of ${RETRY_PRESETS.join(', ')}`,
  );
  expect(
    !isObject(input.retryPolicy) ||
      input.retryPolicy.preset !== 'custom' ||
      isDelayList(input.retryPolicy.delaysSeconds),
    `retryPolicy.delaysSeconds must list 1-${RETRY_POLICY_LIMITS.maxRetries} delays in seconds for a custom policy`,
  );
  expect(input.ordered === undefined || typeof input.ordered === 'boolean', 'ordered must be a boolean');
  expect(
    isOptionalPositive(input.rateLimitPerSecond),
    'rateLimitPerSecond must be a positive number or null',
  );
  expect(
    isOptionalPositive(input.maxConcurrency) &&
      (input.maxConcurrency === undefined ||
        input.maxConcurrency === null ||
        Number.isInteger(input.maxConcurrency)),
    'maxConcurrency must be a positive integer or null',
  );
  expect(
    typeof input.timeoutSeconds === 'number' &&
      Number.isFinite(input.timeoutSeconds) &&
      input.timeoutSeconds > 0,
    'timeoutSeconds must be a positive number',
  );
  expect(
    isSignatureScheme(input.signatureScheme),
    'signatureScheme must be standard-webhooks or hmac-sha256-hex with a header',
  );
  expect(
    Array.isArray(input.secrets) && input.secrets.every(isSecretRef),
    'secrets must be an array of {encrypted, expiresAt: ISO date | null}',
  );
  expect(Number.isSafeInteger(input.version), 'version must be an integer');
  expect(isString(input.updatedAt), 'updatedAt must be a string');

  if (errors.length > 0) {
    return { ok: false, errors };
  }
  // States published before the per-webhook delivery options existed lack them: the defaults apply.
  const state = input as unknown as WebhookState;
  return {
    ok: true,
    value: {
      ...state,
      encryptedHeaders: state.encryptedHeaders ?? {},
      ordered: state.ordered ?? false,
      rateLimitPerSecond: state.rateLimitPerSecond ?? null,
      maxConcurrency: state.maxConcurrency ?? null,
    },
  };
}

function isStringRecord(value: unknown): boolean {
  return isObject(value) && Object.values(value).every(isString);
}

function isOptionalPositive(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'number' && Number.isFinite(value) && value > 0)
  );
}

function isDelayList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= RETRY_POLICY_LIMITS.maxRetries &&
    value.every((delay) => typeof delay === 'number' && Number.isFinite(delay) && delay > 0)
  );
}

function isAuth(value: unknown): boolean {
  if (!isObject(value)) {
    return false;
  }
  switch (value.type) {
    case 'none':
      return true;
    case 'basic':
      return isString(value.username) && isNonEmptyString(value.encryptedPassword);
    case 'bearer':
      return isNonEmptyString(value.encryptedToken);
    default:
      return false;
  }
}

function isSignatureScheme(value: unknown): boolean {
  if (!isObject(value)) {
    return false;
  }
  if (value.type === 'standard-webhooks') {
    return true;
  }
  return value.type === 'hmac-sha256-hex' && isNonEmptyString(value.header);
}

function isSecretRef(value: unknown): boolean {
  return (
    isObject(value) &&
    isNonEmptyString(value.encrypted) &&
    (value.expiresAt === null || (isString(value.expiresAt) && !Number.isNaN(Date.parse(value.expiresAt))))
  );
}
