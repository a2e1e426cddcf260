import { testSecretBox, webhookFixture } from '../../test/fixtures';
import { parseWebhookState } from './parse-webhook-state';

describe('parseWebhookState', () => {
  const { state } = webhookFixture(testSecretBox(), { id: 'wh_1' });
  const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

  it('accepts a complete state', () => {
    expect(parseWebhookState('wh_1', json(state))).toEqual({ ok: true, value: state });
  });

  it('accepts every auth and signature scheme', () => {
    const variants = [
      { auth: { type: 'basic', username: 'u', encryptedPassword: 'v1.x' } },
      { auth: { type: 'bearer', encryptedToken: 'v1.x' } },
      { signatureScheme: { type: 'hmac-sha256-hex', header: 'x-signature' } },
      {
        secrets: [
          { encrypted: 'v1.x', expiresAt: null },
          { encrypted: 'v1.y', expiresAt: '2026-11-23T10:00:00.000Z' },
        ],
      },
    ];
    for (const variant of variants) {
      expect(parseWebhookState('wh_1', { ...state, ...variant }).ok).toBe(true);
    }
  });

  it('takes custom headers sealed, or in clear from a state published before they were sealed', () => {
    const sealed = { ...state, encryptedHeaders: { 'X-Api-Key': 'v1.k1.x' } };
    const withoutSealed: Record<string, unknown> = { ...state };
    delete withoutSealed.encryptedHeaders;
    const legacy = { ...withoutSealed, headers: { 'X-Tenant': 'acme' } };

    expect(parseWebhookState('wh_1', json(sealed))).toEqual({ ok: true, value: sealed });
    expect(parseWebhookState('wh_1', json(legacy))).toEqual({
      ok: true,
      value: { ...legacy, encryptedHeaders: {} },
    });
    expect(parseWebhookState('wh_1', { ...state, encryptedHeaders: { a: 1 } })).toEqual({
      ok: false,
      errors: ['invalid webhook state: encryptedHeaders.a must be a string'],
    });
    expect(parseWebhookState('wh_1', withoutSealed)).toEqual({
      ok: false,
      errors: ['invalid webhook state: encryptedHeaders is required'],
    });
  });

  it('names every problem', () => {
    const result = parseWebhookState('wh_1', {
      ...state,
      id: 'wh_other',
      events: 'job.created',
      active: 'yes',
      auth: { type: 'basic', username: 'u' },
      signatureScheme: { type: 'hmac-sha256-hex' },
      version: '2',
    });

    expect(result).toEqual({
      ok: false,
      errors: [
        'invalid webhook state: events must be an array; active must be a boolean; ' +
          'auth.encryptedPassword is required; signatureScheme.header is required; version must be an integer',
        'id must equal the message key (wh_1)',
      ],
    });
  });

  it('checks the delivery options and defaults them on states that predate them', () => {
    expect(
      parseWebhookState('wh_1', {
        ...state,
        retryPolicy: { preset: 'custom', delaysSeconds: [] },
        ordered: 'yes',
        rateLimitPerSecond: 0,
        maxConcurrency: 1.5,
      }),
    ).toEqual({
      ok: false,
      errors: [
        'invalid webhook state: retryPolicy.delaysSeconds must hold at least 1 item; ordered must be a boolean; ' +
          'rateLimitPerSecond must be > 0; maxConcurrency must be an integer or null',
      ],
    });
    const older = json(state) as Record<string, unknown>;
    delete older.ordered;
    delete older.rateLimitPerSecond;
    delete older.maxConcurrency;
    expect(parseWebhookState('wh_1', older)).toEqual({
      ok: true,
      value: { ...state, ordered: false, rateLimitPerSecond: null, maxConcurrency: null },
    });
  });

  it('refuses a value that is not an object', () => {
    expect(parseWebhookState('wh_1', [])).toEqual({
      ok: false,
      errors: ['webhook state must be a JSON object', 'id must equal the message key (wh_1)'],
    });
  });
});
