import type { AttemptEvent, DeliveryCommand } from '@hookline/contracts';
import type { ApiErrorBody } from '@hookline/platform';
import { eventually } from '@hookline/testing';
import {
  aRetriedDelivery,
  anAttemptEvent,
  anExhaustedDelivery,
  hoursAgo,
} from '../../test/attempt-event.fixture';
import { useAuditHarness } from '../../test/audit-harness';
import type { CommandSeen } from '../../test/audit-kafka';
import { aWebhookState } from '../../test/webhook-state.fixture';
import type { RecoveryAcceptedDto } from './dto/recovery-accepted.dto';
import type { RedeliveryAcceptedDto } from './dto/redelivery-accepted.dto';
import { RecoveryController } from './recovery.controller';

describe(RecoveryController.name, () => {
  const audit = useAuditHarness('recovery');
  const { env, kafka } = audit;
  const organizationId = audit.organizationId();
  const otherOrganizationId = audit.organizationId('other');
  const webhook = aWebhookState({ organizationId });
  const deletedWebhook = aWebhookState({ organizationId });
  const otherWebhook = aWebhookState({ organizationId: otherOrganizationId });
  let commands: CommandSeen[];
  /** API keys by what they may do, published in `beforeAll`. */
  let keys: Record<'write' | 'readOnly' | 'otherOrg', string>;

  const on = (target: string, occurredAt: string, base: Partial<AttemptEvent> = {}) => ({
    organizationId,
    webhookId: target,
    url: webhook.url,
    subject: `job_${occurredAt}`,
    ...base,
  });
  const failedEarly = anExhaustedDelivery(on(webhook.id, hoursAgo(4)), hoursAgo(4));
  const failedLater = anExhaustedDelivery(on(webhook.id, hoursAgo(2)), hoursAgo(2), 2);
  const succeeded = aRetriedDelivery(on(webhook.id, hoursAgo(3)), hoursAgo(3));
  const retrying = [aRetriedDelivery(on(webhook.id, hoursAgo(1)), hoursAgo(1))[0]];
  const failedOnDeleted = anExhaustedDelivery(on(deletedWebhook.id, hoursAgo(3)), hoursAgo(3));
  const failedOtherOrg = anExhaustedDelivery(
    { organizationId: otherOrganizationId, webhookId: otherWebhook.id },
    hoursAgo(3),
  );
  // Sent recently, about an event that occurred before the 30-day payload retention.
  const staleEvent = anAttemptEvent(
    {
      ...on(webhook.id, hoursAgo(2)),
      startedAt: hoursAgo(2),
      outcome: 'http_4xx',
      responseStatus: 400,
      deliveryStatus: 'failed',
    },
    hoursAgo(24 * 31),
  );

  beforeAll(async () => {
    keys = await audit.connectWith(
      {
        write: { organizationId, scopes: ['webhooks:write'] },
        readOnly: { organizationId, scopes: ['deliveries:read'] },
        otherOrg: { organizationId: otherOrganizationId, scopes: ['webhooks:write', 'deliveries:read'] },
      },
      [webhook, deletedWebhook, otherWebhook],
    );
    commands = await kafka.watchCommands(`${env.runId}-audit-commands-watch`);
    await kafka.deleteWebhook(deletedWebhook.id);
    await kafka.sendAttempts(
      ...failedEarly,
      ...failedLater,
      ...succeeded,
      ...retrying,
      ...failedOnDeleted,
      ...failedOtherOrg,
      staleEvent,
    );
    await audit.start();
    const projected = [failedEarly, failedLater, succeeded, retrying, failedOnDeleted, [staleEvent]];
    await eventually(
      async () => {
        for (const attempts of projected) {
          const { status, body } = await audit.getJson<{ attemptCount: number }>(
            `/v1/deliveries/${attempts[0].deliveryId}`,
            keys.readOnly,
          );
          expect([status, body.attemptCount]).toEqual([200, attempts.length]);
        }
        // Webhook states arrive on their own topic, each partition at its own pace: recovery must know
        // every webhook the tests use. A `since` of now finds nothing to resend, so no command goes out.
        for (const [live, key] of [
          [webhook, keys.write],
          [otherWebhook, keys.otherOrg],
        ] as const) {
          const known = await audit.postJson<ApiErrorBody>(`/v1/webhooks/${live.id}/recover`, key, {
            since: new Date().toISOString(),
          });
          expect([live.id, known.status]).toEqual([live.id, 202]);
        }
        const deleted = await audit.postJson<ApiErrorBody>(
          `/v1/webhooks/${deletedWebhook.id}/recover`,
          keys.write,
          { since: hoursAgo(5) },
        );
        expect(deleted.status).toBe(409);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });

  const redeliver = (deliveryId: string, key = keys.write) =>
    audit.postJson<RedeliveryAcceptedDto & ApiErrorBody>(`/v1/deliveries/${deliveryId}/redeliver`, key);
  const recover = (webhookId: string, body: unknown, key = keys.write) =>
    audit.postJson<RecoveryAcceptedDto & ApiErrorBody>(`/v1/webhooks/${webhookId}/recover`, key, body);

  async function commandsWithIds(ids: string[]): Promise<CommandSeen[]> {
    return eventually(
      () => {
        const found = ids.map((id) => commands.find((seen) => seen.command.commandId === id));
        expect(found.every((seen) => seen !== undefined)).toBe(true);
        return found as CommandSeen[];
      },
      { timeoutMs: 30_000 },
    );
  }

  it('redelivers a failed delivery: the command carries the stored event and the next attempt number', async () => {
    const requested = Date.now();
    const { status, body } = await redeliver(failedEarly[0].deliveryId);
    expect(status).toBe(202);
    expect(body.commandId).toMatch(/^cmd_/);

    const [seen] = await commandsWithIds([body.commandId]);
    const first = failedEarly[0];
    expect(seen.key).toBe(webhook.id);
    expect(seen.command).toEqual({
      kind: 'redeliver',
      commandId: body.commandId,
      deliveryId: first.deliveryId,
      webhookId: webhook.id,
      organizationId,
      event: {
        id: first.eventId,
        type: first.eventType,
        organizationId,
        subject: first.subject,
        occurredAt: first.eventOccurredAt,
        expiresAt: null,
        data: first.payload.data,
      },
      attempt: failedEarly.length + 1,
      requestedAt: expect.any(String),
    } satisfies DeliveryCommand);
    expect(Date.parse(seen.command.requestedAt)).toBeGreaterThanOrEqual(requested - 1_000);
  });

  it('redelivers a delivery that succeeded too', async () => {
    const { status, body } = await redeliver(succeeded[0].deliveryId);
    expect(status).toBe(202);
    const [seen] = await commandsWithIds([body.commandId]);
    expect(seen.command).toMatchObject({ deliveryId: succeeded[0].deliveryId, attempt: 3 });
  });

  it('refuses a delivery still retrying (409), a deleted webhook (409) and a payload past retention (410)', async () => {
    const inProgress = await redeliver(retrying[0].deliveryId);
    expect([inProgress.status, inProgress.body.error]).toEqual([409, 'Conflict']);
    expect(inProgress.body.message).toContain('is retrying');
    const deleted = await redeliver(failedOnDeleted[0].deliveryId);
    expect([deleted.status, deleted.body.message]).toEqual([409, expect.stringContaining('was deleted')]);
    const gone = await redeliver(staleEvent.deliveryId);
    expect([gone.status, gone.body.error]).toEqual([410, 'Gone']);
  });

  it('recovers every failed delivery of the webhook since a date, and nothing else', async () => {
    const { status, body } = await recover(webhook.id, { since: hoursAgo(5) });
    expect(status).toBe(202);
    // The stale event's delivery failed too, but its payload is gone: it is skipped, not sent.
    expect(body).toMatchObject({ count: 2, skipped: 1, truncated: false, nextSince: null });
    const seen = await commandsWithIds(body.commandIds);
    expect(seen.map(({ key, command }) => [key, command.deliveryId, command.attempt])).toEqual([
      [webhook.id, failedEarly[0].deliveryId, failedEarly.length + 1],
      [webhook.id, failedLater[0].deliveryId, failedLater.length + 1],
    ]);
    expect(seen.map(({ command }) => command.event.id)).toEqual([
      failedEarly[0].eventId,
      failedLater[0].eventId,
    ]);

    const later = await recover(webhook.id, { since: hoursAgo(3) });
    expect(later.body).toMatchObject({ count: 1, skipped: 1 });
    const [laterSeen] = await commandsWithIds(later.body.commandIds);
    expect(laterSeen.command.deliveryId).toBe(failedLater[0].deliveryId);
  });

  it('answers 400 for a since that is missing, malformed, in the future or before the payload retention', async () => {
    for (const [body, mention] of [
      [{}, 'since'],
      [{ since: 'yesterday' }, 'since'],
      [{ since: hoursAgo(-2) }, 'since must not be in the future'],
      [{ since: hoursAgo(24 * 31) }, 'since must not be before'],
      [{ since: hoursAgo(1), limit: 5 }, 'limit'],
    ] as const) {
      const response = await recover(webhook.id, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.message).toContain(mention);
    }
  });

  it("answers 404 for another organization's delivery and webhook", async () => {
    const delivery = await redeliver(failedEarly[0].deliveryId, keys.otherOrg);
    expect(delivery).toEqual({
      status: 404,
      body: {
        statusCode: 404,
        error: 'Not Found',
        message: `delivery ${failedEarly[0].deliveryId} not found`,
      },
    });
    const recovered = await recover(webhook.id, { since: hoursAgo(5) }, keys.otherOrg);
    expect(recovered).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: `webhook ${webhook.id} not found` },
    });
    // The other organization can recover its own webhook.
    expect((await recover(otherWebhook.id, { since: hoursAgo(5) }, keys.otherOrg)).body).toMatchObject({
      count: 1,
    });
  });

  it('answers 401 without a key and 403 for a key without webhooks:write', async () => {
    const sentBefore = commands.length;
    for (const call of [
      (key: string | null) =>
        audit.postJson<ApiErrorBody>(`/v1/deliveries/${failedEarly[0].deliveryId}/redeliver`, key),
      (key: string | null) =>
        audit.postJson<ApiErrorBody>(`/v1/webhooks/${webhook.id}/recover`, key, {
          since: hoursAgo(5),
        }),
    ]) {
      expect((await call(null)).status).toBe(401);
      const forbidden = await call(keys.readOnly);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.message).toContain('webhooks:write');
    }
    expect(
      commands.slice(sentBefore).filter((seen) => seen.command.organizationId === organizationId),
    ).toEqual([]);
  });
});
