import { EVENT_CATALOG } from '../catalog';
import type { DeliveryCommand } from '../delivery-command';
import type { DeliveryTask } from '../delivery-task';
import type { EventEnvelope } from '../envelope';
import {
  anExampleAttemptEvent,
  anExampleWebhookState,
  EXAMPLE_AT,
  EXAMPLE_DELIVERY_REF,
  EXAMPLE_PAYLOAD,
} from '../testing';
import type { Validated } from './compile-validator';
import {
  validateApiKeyRecord,
  validateDeliveryDefaults,
  validateAttemptEvent,
  validateAttemptStart,
  validateDeliveryCommand,
  validateDeliveryHeld,
  validateDeliveryTask,
  validateEndpointSignal,
  validateWebhookState,
} from './validators';

const at = EXAMPLE_AT;
const payload = EXAMPLE_PAYLOAD;
const ref = EXAMPLE_DELIVERY_REF;
const attemptEvent = anExampleAttemptEvent();
const webhookState = anExampleWebhookState();
const jobCreated = EVENT_CATALOG.find((definition) => definition.type === 'job.created');
const envelope = {
  id: 'evt_1',
  type: 'job.created',
  occurredAt: at,
  organizationId: 'org_1',
  subject: 'job_1',
  data: jobCreated?.example,
} as unknown as EventEnvelope;
const task: DeliveryTask = {
  deliveryId: 'dlv_1',
  webhookId: 'wh_1',
  event: envelope,
  attempt: 2,
  dueAt: at,
  reason: 'retry',
  failingSince: null,
};
const command: DeliveryCommand = {
  kind: 'redeliver',
  commandId: 'cmd_1',
  deliveryId: 'dlv_1',
  webhookId: 'wh_1',
  organizationId: 'org_1',
  event: envelope,
  attempt: 3,
  requestedAt: at,
};

const reasonOf = <T>(result: Validated<T>): string => (result.ok ? 'accepted' : result.reason);
const without = <T extends object>(value: T, key: keyof T): T => {
  const copy = { ...value };
  delete copy[key];
  return copy;
};

describe('message validators', () => {
  it('accept a valid example of every message', () => {
    expect(validateAttemptEvent(attemptEvent)).toEqual({ ok: true, value: attemptEvent });
    expect(
      validateAttemptStart({
        ...ref,
        attemptId: 'att_1',
        attempt: 1,
        startedAt: at,
        requestHeaders: {},
        eventOccurredAt: at,
      }),
    ).toMatchObject({ ok: true });
    expect(
      validateDeliveryHeld({
        ...ref,
        attempt: 2,
        heldAt: at,
        reason: 'circuit_open',
        nextAttemptAt: at,
        eventOccurredAt: at,
        payload,
      }),
    ).toMatchObject({ ok: true });
    expect(validateWebhookState(webhookState)).toEqual({ ok: true, value: webhookState });
    expect(validateDeliveryTask(task)).toMatchObject({
      ok: true,
      value: { ...task, event: expect.any(Object) },
    });
    expect(validateDeliveryCommand(command)).toMatchObject({ ok: true });
    expect(
      validateEndpointSignal({
        kind: 'disable',
        webhookId: 'wh_1',
        organizationId: 'org_1',
        reason: 'gone',
        detail: '410',
        at,
      }),
    ).toMatchObject({ ok: true });
    expect(
      validateApiKeyRecord({
        id: 'key_1',
        organizationId: 'org_1',
        hash: 'a'.repeat(64),
        scopes: ['webhooks:read'],
        revokedAt: null,
      }),
    ).toMatchObject({ ok: true });
  });

  it('tolerate fields a newer producer adds, and return the value itself', () => {
    const newer = { ...attemptEvent, addedLater: { nested: true } };
    const parsed = validateAttemptEvent(newer);
    expect(parsed.ok && parsed.value).toBe(newer);
  });

  it('name every field that is wrong, by its path', () => {
    expect(
      reasonOf(
        validateAttemptEvent({
          ...without(attemptEvent, 'attemptId'),
          attempt: 0,
          responseStatus: 700,
          outcome: 'maybe',
          startedAt: '2026-11-22T10:00:00',
          payload: { ...payload, id: '' },
        }),
      ),
    ).toBe(
      'invalid attempt event: attemptId is required; attempt must be an integer ≥ 1; ' +
        'startedAt must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-22T10:00:00.000Z; ' +
        'responseStatus must be an integer ≤ 599; outcome must be one of success, http_3xx, http_4xx, http_5xx, timeout, dns, tls, ' +
        'connection_refused, connection_reset, network, blocked, expired, auth_failed, interrupted; payload.id must not be empty',
    );
    expect(reasonOf(validateAttemptEvent({ ...attemptEvent, requestHeaders: { a: 1 } }))).toBe(
      'invalid attempt event: requestHeaders.a must be a string',
    );
    expect(reasonOf(validateAttemptEvent({ ...attemptEvent, error: 5 }))).toBe(
      'invalid attempt event: error must be a string or null',
    );
    expect(reasonOf(validateAttemptEvent([attemptEvent]))).toBe('attempt event must be a JSON object');
  });

  it('refuse an attempt whose payload is another event’s', () => {
    expect(reasonOf(validateAttemptEvent({ ...attemptEvent, payload: { ...payload, id: 'evt_2' } }))).toBe(
      'invalid attempt event: payload.id "evt_2" differs from eventId "evt_1"',
    );
  });

  it('refuse a null where the field may not be null, and accept it where it may', () => {
    expect(
      validateAttemptEvent({
        ...attemptEvent,
        responseStatus: null,
        responseHeaders: null,
        responseBody: null,
      }),
    ).toMatchObject({ ok: true });
    expect(reasonOf(validateAttemptEvent({ ...attemptEvent, durationMs: null }))).toBe(
      'invalid attempt event: durationMs must be an integer',
    );
  });

  it('fill in the defaults of webhook states published before their fields existed', () => {
    const old: Record<string, unknown> = { ...webhookState, headers: { 'x-team': 'a' } };
    for (const key of [
      'encryptedHeaders',
      'filter',
      'tls',
      'ordered',
      'rateLimitPerSecond',
      'maxConcurrency',
    ]) {
      delete old[key];
    }
    expect(validateWebhookState(old)).toEqual({
      ok: true,
      value: { ...webhookState, headers: { 'x-team': 'a' }, encryptedHeaders: {} },
    });
    expect(reasonOf(validateWebhookState(without(webhookState, 'encryptedHeaders')))).toBe(
      'invalid webhook state: encryptedHeaders is required',
    );
  });

  it('take a webhook state with a client certificate only together with its sealed key', () => {
    const tls = { clientCertificate: 'PEM', encryptedPrivateKey: 'v1.sealed', caCertificates: null };
    expect(validateWebhookState({ ...webhookState, tls })).toEqual({
      ok: true,
      value: { ...webhookState, tls },
    });
    const caOnly = { clientCertificate: null, encryptedPrivateKey: null, caCertificates: 'PEM' };
    expect(validateWebhookState({ ...webhookState, tls: caOnly })).toMatchObject({ ok: true });
    expect(
      reasonOf(validateWebhookState({ ...webhookState, tls: { ...tls, encryptedPrivateKey: null } })),
    ).toBe('invalid webhook state: tls.clientCertificate and tls.encryptedPrivateKey come together');
    expect(reasonOf(validateWebhookState({ ...webhookState, tls: { ...tls, caCertificates: 1 } }))).toBe(
      'invalid webhook state: tls.caCertificates must be a string or null',
    );
  });

  it('check the payload filter of a webhook state as the API does, naming the offending part', () => {
    const filter = {
      and: [
        { field: 'data.status', eq: 'completed' },
        { field: 'subject', startsWith: 'job_' },
      ],
    };
    expect(validateWebhookState({ ...webhookState, filter })).toEqual({
      ok: true,
      value: { ...webhookState, filter },
    });
    expect(
      reasonOf(
        validateWebhookState({ ...webhookState, filter: { and: [{ field: 'data.status', equals: 1 }] } }),
      ),
    ).toBe(
      'invalid webhook state: filter.and[0].equals is not an operator; use one of eq, ne, gt, gte, lt, lte, in, exists, startsWith, or and, or, not',
    );
    expect(reasonOf(validateWebhookState({ ...webhookState, filter: [] }))).toBe(
      'invalid webhook state: filter must be an object or null',
    );
  });

  it('check each member of a tagged union by its own fields, and name the members when the tag is unknown', () => {
    expect(
      validateWebhookState({
        ...webhookState,
        signatureScheme: { type: 'hmac-sha256-hex', header: 'x-sig' },
      }),
    ).toMatchObject({ ok: true });
    expect(
      reasonOf(validateWebhookState({ ...webhookState, signatureScheme: { type: 'hmac-sha256-hex' } })),
    ).toBe('invalid webhook state: signatureScheme.header is required');
    expect(reasonOf(validateWebhookState({ ...webhookState, signatureScheme: { type: 'ed25519' } }))).toBe(
      'invalid webhook state: signatureScheme.type must be one of standard-webhooks, standard-webhooks-ed25519, hmac-sha256-hex',
    );
    expect(
      reasonOf(validateWebhookState({ ...webhookState, auth: { type: 'bearer', encryptedToken: '' } })),
    ).toBe('invalid webhook state: auth.encryptedToken must not be empty');
    const oauth2 = {
      type: 'oauth2',
      tokenUrl: 'https://auth.example.com/token',
      clientId: 'hookline',
      encryptedClientSecret: 'v1.k1.x',
      scope: null,
      audience: 'https://api.example.com',
    };
    expect(validateWebhookState({ ...webhookState, auth: oauth2 })).toMatchObject({ ok: true });
    expect(reasonOf(validateWebhookState({ ...webhookState, auth: { ...oauth2, scope: undefined } }))).toBe(
      'invalid webhook state: auth.scope is required',
    );
    expect(
      reasonOf(validateWebhookState({ ...webhookState, auth: { ...oauth2, encryptedClientSecret: '' } })),
    ).toBe('invalid webhook state: auth.encryptedClientSecret must not be empty');
  });

  it('take a webhook state without a retry policy of its own (null), but not one that leaves the field out', () => {
    expect(validateWebhookState({ ...webhookState, retryPolicy: null })).toEqual({
      ok: true,
      value: { ...webhookState, retryPolicy: null },
    });
    expect(reasonOf(validateWebhookState(without(webhookState, 'retryPolicy')))).toBe(
      'invalid webhook state: retryPolicy is required',
    );
    expect(reasonOf(validateWebhookState({ ...webhookState, retryPolicy: 'standard' }))).toBe(
      'invalid webhook state: retryPolicy must be an object',
    );
  });

  it("take an organization's delivery defaults of the organization and type their key names", () => {
    const defaults = {
      organizationId: 'org_1',
      eventType: 'job.created',
      retryPolicy: { preset: 'custom', delaysSeconds: [5] },
      ttlSeconds: null,
      version: 2,
      updatedAt: at,
    };
    expect(validateDeliveryDefaults(defaults, 'org_1:job.created')).toEqual({ ok: true, value: defaults });
    expect(
      validateDeliveryDefaults({ ...defaults, retryPolicy: null, ttlSeconds: 600 }, 'org_1:job.created'),
    ).toMatchObject({ ok: true });
    expect(reasonOf(validateDeliveryDefaults(defaults, 'org_2:job.created'))).toBe(
      'invalid delivery defaults: organizationId:eventType must equal the key (org_2:job.created)',
    );
    expect(reasonOf(validateDeliveryDefaults({ ...defaults, ttlSeconds: 0 }, 'org_1:job.created'))).toBe(
      'invalid delivery defaults: ttlSeconds must be an integer ≥ 1',
    );
  });

  it('require the delays of a custom retry policy only', () => {
    expect(reasonOf(validateWebhookState({ ...webhookState, retryPolicy: { preset: 'custom' } }))).toBe(
      'invalid webhook state: retryPolicy.delaysSeconds is required',
    );
    expect(
      reasonOf(
        validateWebhookState({ ...webhookState, retryPolicy: { preset: 'custom', delaysSeconds: [5, 0] } }),
      ),
    ).toBe('invalid webhook state: retryPolicy.delaysSeconds[1] must be > 0');
  });

  it('accept every reason a delivery task is queued for, a first attempt included', () => {
    for (const reason of ['deliver', 'retry', 'redeliver'] as const) {
      expect(validateDeliveryTask({ ...task, reason })).toMatchObject({ ok: true });
    }
    expect(reasonOf(validateDeliveryTask({ ...task, reason: 'later' }))).toBe(
      'invalid delivery task: reason must be one of deliver, retry, redeliver',
    );
    expect(validateDeliveryTask(without(task, 'failingSince'))).toMatchObject({
      ok: true,
      value: { failingSince: null },
    });
  });

  it("check a task's envelope and a command's event in full", () => {
    expect(reasonOf(validateDeliveryTask({ ...task, event: { ...envelope, type: 'job.nope' } }))).toBe(
      'invalid delivery task: event: type "job.nope" is not in the event catalog',
    );
    expect(reasonOf(validateDeliveryCommand({ ...command, organizationId: 'org_2' }))).toBe(
      'invalid delivery command: event.organizationId must equal organizationId',
    );
    expect(reasonOf(validateDeliveryCommand({ ...command, kind: 'replay', attempt: 0 }))).toBe(
      'invalid delivery command: kind must be redeliver; attempt must be an integer ≥ 1',
    );
  });

  it('refuse ids outside the external id form where the contract says so', () => {
    expect(reasonOf(validateDeliveryTask({ ...task, webhookId: 'wh 1' }))).toBe(
      'invalid delivery task: webhookId must be an id (letters, digits and _ . : -, at most 128)',
    );
  });
});
