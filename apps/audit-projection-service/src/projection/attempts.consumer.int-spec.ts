import { KafkaHeaders, Topics, type AttemptEvent } from '@hookline/contracts';
import { eventually, testEnvironment } from '@hookline/testing';
import { DataSource } from 'typeorm';
import { aRetriedDelivery, anAttemptEvent } from '../../test/attempt-event.fixture';
import { AuditKafka } from '../../test/audit-kafka';
import { startAuditApp, type AuditTestApp } from '../../test/audit-test-app';
import { getJson } from '../../test/http';
import { aWebhookState } from '../../test/webhook-state.fixture';
import type { DeliveryDetailDto } from '../deliveries/dto/delivery-detail.dto';
import { AttemptsConsumer } from './attempts.consumer';

describe(AttemptsConsumer.name, () => {
  const env = testEnvironment();
  const organizationId = `org_${env.runId}_projection`;
  const webhook = aWebhookState({ organizationId });
  let kafka: AuditKafka;
  let audit: AuditTestApp;
  let apiKey: string;

  beforeAll(async () => {
    kafka = new AuditKafka(env.kafkaBrokers);
    await kafka.connect();
    apiKey = await kafka.createApiKey(organizationId, ['deliveries:read'], `key_${env.runId}_projection`);
    await kafka.sendWebhookState(webhook);
    audit = await startAuditApp(env, `${env.runId}-audit-projection`);
  });

  afterAll(async () => {
    await audit?.close();
    await kafka?.disconnect();
  });

  const retried = (): [AttemptEvent, AttemptEvent] =>
    aRetriedDelivery({ organizationId, webhookId: webhook.id, url: webhook.url });

  async function projectedDelivery(
    deliveryId: string,
    isDone: (delivery: DeliveryDetailDto) => boolean,
  ): Promise<DeliveryDetailDto> {
    return eventually(
      async () => {
        const { status, body } = await getJson<DeliveryDetailDto>(
          audit.baseUrl,
          `/v1/deliveries/${deliveryId}`,
          apiKey,
        );
        expect(status).toBe(200);
        expect(isDone(body)).toBe(true);
        return body;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  /** What two deliveries of the same history must share, leaving out their own ids. */
  function comparable(delivery: DeliveryDetailDto) {
    return {
      status: delivery.status,
      attemptCount: delivery.attemptCount,
      lastResponseStatus: delivery.lastResponseStatus,
      url: delivery.url,
      createdAt: delivery.createdAt,
      updatedAt: delivery.updatedAt,
      nextAttemptAt: delivery.nextAttemptAt,
      attempts: delivery.attempts.map((attempt) => ({ ...attempt, id: 'same', requestHeaders: {} })),
    };
  }

  it('projects a failing-then-succeeding delivery with its attempts in order', async () => {
    const [failed, succeeded] = retried();
    await kafka.sendAttempts(failed, succeeded);

    const delivery = await projectedDelivery(failed.deliveryId, (found) => found.attemptCount === 2);

    expect(delivery).toEqual({
      id: failed.deliveryId,
      eventId: failed.eventId,
      eventType: failed.eventType,
      webhookId: webhook.id,
      url: webhook.url,
      status: 'succeeded',
      attemptCount: 2,
      lastResponseStatus: 200,
      createdAt: failed.startedAt,
      updatedAt: '2026-11-22T10:05:01.380Z',
      nextAttemptAt: null,
      payload: failed.payload,
      attempts: [
        {
          id: failed.attemptId,
          attempt: 1,
          startedAt: failed.startedAt,
          durationMs: 250,
          responseStatus: 500,
          responseHeaders: failed.responseHeaders,
          responseBody: '{"error":"boom"}',
          responseBodyTruncated: false,
          outcome: 'http_5xx',
          error: null,
          requestHeaders: failed.requestHeaders,
        },
        expect.objectContaining({
          id: succeeded.attemptId,
          attempt: 2,
          responseStatus: 200,
          outcome: 'success',
        }),
      ],
    });
  });

  it('ends in the same state when attempt 2 arrives before attempt 1', async () => {
    const [inOrderFirst, inOrderSecond] = retried();
    const [reversedFirst, reversedSecond] = retried();
    await kafka.sendAttempts(inOrderFirst, inOrderSecond);
    // Attempt 2 is stored before attempt 1 is even sent, so the merge with the stored row decides.
    await kafka.sendAttempts(reversedSecond);
    await projectedDelivery(reversedSecond.deliveryId, (found) => found.attemptCount === 1);
    await kafka.sendAttempts(reversedFirst);

    const inOrder = await projectedDelivery(inOrderFirst.deliveryId, (found) => found.attemptCount === 2);
    const reversed = await projectedDelivery(reversedFirst.deliveryId, (found) => found.attemptCount === 2);

    expect(reversed.status).toBe('succeeded');
    expect(reversed.attempts.map((attempt) => attempt.attempt)).toEqual([1, 2]);
    expect(comparable(reversed)).toEqual(comparable(inOrder));
  });

  it('stores an attempt delivered twice once', async () => {
    const [failed, succeeded] = retried();
    await kafka.sendAttempts(failed, failed);
    await projectedDelivery(failed.deliveryId, (found) => found.attemptCount === 1);
    // Same key, same partition: once attempt 2 shows, the replay before it was handled too.
    await kafka.sendAttempts(failed, succeeded);

    const delivery = await projectedDelivery(failed.deliveryId, (found) =>
      found.attempts.some((a) => a.attempt === 2),
    );

    expect(delivery.attemptCount).toBe(2);
    expect(delivery.attempts.map((attempt) => attempt.id)).toEqual([failed.attemptId, succeeded.attemptId]);
    const [{ count }] = await audit.app
      .get(DataSource)
      .query<Array<{ count: number }>>(
        'SELECT count(*)::int AS count FROM audit.attempt WHERE delivery_id = $1',
        [failed.deliveryId],
      );
    expect(count).toBe(2);
  });

  it('parks a message that is not JSON in the DLQ and projects the next valid attempt', async () => {
    const deadLetters = await kafka.watchDeadLetters(`${env.runId}-audit-dlq-watch`);
    const valid = anAttemptEvent({ organizationId, webhookId: webhook.id });
    const garbage = `not json ${valid.attemptId}`;
    await kafka.sendRawAttempt(valid.deliveryId, Buffer.from(garbage));
    await kafka.sendAttempts(valid);

    await projectedDelivery(valid.deliveryId, (found) => found.attemptCount === 1);
    const letter = await eventually(
      () => {
        const found = deadLetters.find((seen) => seen.value === garbage);
        expect(found).toBeDefined();
        return found!;
      },
      { timeoutMs: 30_000 },
    );
    expect(letter.key).toBe(valid.deliveryId);
    expect(letter.headers).toMatchObject({
      [KafkaHeaders.dlqSourceTopic]: Topics.attempts,
      [KafkaHeaders.dlqConsumer]: 'audit-projection-service/attempts',
    });
    expect(letter.headers[KafkaHeaders.dlqReason]).toContain('not valid JSON');
  });

  it('parks an attempt event with a missing field, naming the field', async () => {
    const deadLetters = await kafka.watchDeadLetters(`${env.runId}-audit-dlq-watch-shape`);
    const incomplete: Partial<AttemptEvent> = anAttemptEvent({ organizationId, webhookId: webhook.id });
    delete incomplete.deliveryStatus;
    await kafka.sendRawAttempt(incomplete.deliveryId ?? 'missing', Buffer.from(JSON.stringify(incomplete)));

    const letter = await eventually(
      () => {
        const found = deadLetters.find((seen) => seen.value.includes(incomplete.attemptId ?? 'missing'));
        expect(found).toBeDefined();
        return found!;
      },
      { timeoutMs: 30_000 },
    );
    expect(letter.headers[KafkaHeaders.dlqReason]).toContain('deliveryStatus');
  });
});
