import { KafkaHeaders, Topics, type AttemptEvent } from '@hookline/contracts';
import { eventually } from '@hookline/testing';
import { DataSource } from 'typeorm';
import {
  aRetriedDelivery,
  anAttemptEvent,
  anExhaustedDelivery,
  asShownAttempt,
  hoursAgo,
} from '../../test/attempt-event.fixture';
import { useAuditHarness } from '../../test/audit-harness';
import { aWebhookState } from '../../test/webhook-state.fixture';
import type { DeliveryDetailDto } from '../deliveries/dto/delivery-detail.dto';
import { AuditEnv } from '../config/audit.env';
import type { StatsDto } from '../stats/dto/stats.dto';
import { AttemptsConsumer } from './attempts.consumer';

describe(AttemptsConsumer.name, () => {
  const audit = useAuditHarness('projection');
  const { env, kafka } = audit;
  const organizationId = audit.organizationId();
  const webhook = aWebhookState({ organizationId });

  /** API keys by what they may do, published in `beforeAll`. */
  let keys: Record<'read', string>;

  beforeAll(async () => {
    keys = await audit.connectWith({ read: { organizationId, scopes: ['deliveries:read'] } }, [webhook]);
    await audit.start();
  });

  // Recent, so every retention window keeps them whenever the test runs.
  const occurredAt = hoursAgo(2);
  const retried = (webhookId = webhook.id): [AttemptEvent, AttemptEvent] =>
    aRetriedDelivery({ organizationId, webhookId, url: webhook.url }, occurredAt);

  async function projectedDelivery(
    deliveryId: string,
    isDone: (delivery: DeliveryDetailDto) => boolean,
  ): Promise<DeliveryDetailDto> {
    return eventually(
      async () => {
        const { status, body } = await audit.getJson<DeliveryDetailDto>(
          `/v1/deliveries/${deliveryId}`,
          keys.read,
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
      subject: failed.subject,
      url: webhook.url,
      status: 'succeeded',
      attemptCount: 2,
      lastResponseStatus: 200,
      heldReason: null,
      backfillId: null,
      createdAt: failed.startedAt,
      updatedAt: new Date(Date.parse(succeeded.startedAt) + succeeded.durationMs).toISOString(),
      nextAttemptAt: null,
      payload: failed.payload,
      attempts: [asShownAttempt(failed), asShownAttempt(succeeded)],
    });
  });

  it('moves a delivery from retrying to succeeded as its attempts arrive', async () => {
    const [failed, succeeded] = retried();
    await kafka.sendAttempts(failed);
    const retrying = await projectedDelivery(failed.deliveryId, (found) => found.attemptCount === 1);
    expect(retrying).toMatchObject({
      status: 'retrying',
      lastResponseStatus: 500,
      nextAttemptAt: failed.nextAttemptAt,
    });

    await kafka.sendAttempts(succeeded);
    const done = await projectedDelivery(failed.deliveryId, (found) => found.attemptCount === 2);
    expect(done).toMatchObject({ status: 'succeeded', lastResponseStatus: 200, nextAttemptAt: null });
  });

  it('moves a delivery from retrying to failed when its retries run out', async () => {
    const [first, second, third] = anExhaustedDelivery({ organizationId, webhookId: webhook.id }, occurredAt);
    await kafka.sendAttempts(first, second);
    const retrying = await projectedDelivery(first.deliveryId, (found) => found.attemptCount === 2);
    expect(retrying).toMatchObject({ status: 'retrying', nextAttemptAt: second.nextAttemptAt });

    await kafka.sendAttempts(third);
    const failed = await projectedDelivery(first.deliveryId, (found) => found.attemptCount === 3);
    expect(failed).toMatchObject({ status: 'failed', lastResponseStatus: 503, nextAttemptAt: null });
    expect(
      failed.attempts.map((attempt) => [attempt.attempt, attempt.responseStatus, attempt.responseBody]),
    ).toEqual([
      [1, 503, 'busy'],
      [2, 503, 'busy'],
      [3, 503, 'busy'],
    ]);
  });

  it('truncates an oversized response body, flags it, and redacts credentials and signatures', async () => {
    const attempt = anAttemptEvent(
      {
        organizationId,
        webhookId: webhook.id,
        requestHeaders: {
          'content-type': 'application/json',
          authorization: 'Basic dXNlcjpzZWNyZXQ=',
          'webhook-signature': 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
          'x-signature': 'deadbeef',
        },
        responseBody: `${'é'.repeat(40_000)}tail`,
        responseBodyTruncated: false,
      },
      occurredAt,
    );
    await kafka.sendAttempts(attempt);

    const [stored] = (await projectedDelivery(attempt.deliveryId, (found) => found.attemptCount === 1))
      .attempts;
    expect(stored.responseBodyTruncated).toBe(true);
    expect(Buffer.byteLength(stored.responseBody ?? '', 'utf8')).toBe(64 * 1024);
    expect(stored.responseBody).toBe('é'.repeat(32 * 1024));
    expect(stored.requestHeaders).toEqual({
      'content-type': 'application/json',
      authorization: '[redacted]',
      'webhook-signature': '[redacted]',
      'x-signature': '[redacted]',
    });
  });

  it('counts an attempt delivered twice once in the statistics', async () => {
    const statsWebhook = aWebhookState({ organizationId });
    await kafka.sendWebhookState(statsWebhook);
    const [failed, succeeded] = retried(statsWebhook.id);
    // A manual redelivery after the success: same key, same partition, so once it shows,
    // every duplicate sent before it has been handled too.
    const redelivered = anAttemptEvent(
      {
        ...succeeded,
        attemptId: `${succeeded.attemptId}_redelivered`,
        attempt: 3,
        startedAt: new Date(Date.parse(succeeded.startedAt) + 60_000).toISOString(),
        durationMs: 30,
      },
      occurredAt,
    );
    await kafka.sendAttempts(failed, failed, succeeded, succeeded, failed, redelivered);
    await projectedDelivery(failed.deliveryId, (found) => found.attemptCount === 3);

    const stats = await eventually(
      async () => {
        const { status, body } = await audit.getJson<StatsDto>(
          `/v1/stats?webhookId=${statsWebhook.id}&from=${hoursAgo(3)}`,
          keys.read,
        );
        expect(status).toBe(200);
        return body;
      },
      { timeoutMs: 30_000 },
    );
    expect(stats.total).toMatchObject({
      attempts: 3,
      succeededAttempts: 2,
      failedAttempts: 1,
      // Each attempt that finished the delivery counts: the success and the redelivery's.
      deliveries: { started: 1, succeeded: 2, failed: 0, expired: 0, finished: 2 },
      successRate: 1,
      latencyMs: expect.objectContaining({ count: 3, mean: (250 + 80 + 30) / 3, max: 250 }),
    });
    expect(stats.total.outcomes).toMatchObject({ success: 2, http_5xx: 1 });
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

  it('projects partitions concurrently and still stores and counts every attempt once', async () => {
    expect(audit.app.get(AuditEnv).AUDIT_PARTITIONS_CONCURRENTLY).toBeGreaterThan(1);
    const busyWebhook = aWebhookState({ organizationId });
    await kafka.sendWebhookState(busyWebhook);
    // Keys are delivery ids, so 40 deliveries spread over the partitions; each attempt arrives twice.
    const deliveries = Array.from({ length: 40 }, () => retried(busyWebhook.id));
    const attempts = deliveries.flat();
    // A third attempt of each delivery, sent last: once it shows, its partition has handled the rest.
    const markers = deliveries.map(([, second]) =>
      anAttemptEvent({ ...second, attemptId: `${second.attemptId}_3`, attempt: 3 }, occurredAt),
    );
    await kafka.publisher.send(
      Topics.attempts,
      [...attempts, ...attempts.slice().reverse(), ...markers].map((event) => ({
        key: event.deliveryId,
        value: event,
      })),
    );

    const dataSource = audit.app.get(DataSource);
    const totals = async () => {
      const [row] = await dataSource.query<Array<Record<string, number>>>(
        `SELECT (SELECT count(*)::int FROM audit.delivery WHERE webhook_id = $1 AND last_attempt_number = 3) AS done,
           (SELECT sum(attempt_count)::int FROM audit.delivery WHERE webhook_id = $1) AS "attemptCounts",
           (SELECT count(*)::int FROM audit.attempt WHERE webhook_id = $1) AS attempts,
           (SELECT sum(attempts)::int FROM audit.stats_hourly WHERE webhook_id = $1) AS "rolledUp"`,
        [busyWebhook.id],
      );
      return row;
    };
    await eventually(async () => expect((await totals()).done).toBe(deliveries.length), {
      timeoutMs: 30_000,
    });

    expect(await totals()).toEqual({ done: 40, attemptCounts: 120, attempts: 120, rolledUp: 120 });
  });

  it('exports projected attempts, batch sizes and projection lag on /metrics', async () => {
    const [attempt] = retried();
    await kafka.sendAttempts(attempt);
    await projectedDelivery(attempt.deliveryId, (found) => found.attemptCount === 1);
    const metrics = await (await fetch(`${audit.baseUrl}/metrics`)).text();
    /** The sample of `name` whose labels include `label`, e.g. `result="stored"`. */
    const value = (name: string, label = '') => {
      const line = metrics
        .split('\n')
        .find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(label));
      return Number(line?.split(' ').pop());
    };
    expect(value('hookline_audit_attempts_projected_total', 'result="stored"')).toBeGreaterThan(0);
    expect(value('hookline_audit_projection_batch_size_count')).toBeGreaterThan(0);
    expect(value('hookline_audit_projection_lag_seconds')).toBeGreaterThanOrEqual(0);
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

  it('projects attempts holding NUL, lone surrogates and prototype-named keys, and those after them', async () => {
    const hostile = anAttemptEvent(
      {
        organizationId,
        webhookId: webhook.id,
        subject: 'job\u0000',
        responseHeaders: JSON.parse('{"constructor":"x","__proto__":"y","x-\\u0000":"\\ud800"}'),
        responseBody: 'nul \u0000',
      },
      occurredAt,
    );
    hostile.payload.data = JSON.parse('{"constructor":{"toString":"\\u0000"},"__proto__":[1]}');
    const after = anAttemptEvent({ organizationId, webhookId: webhook.id }, occurredAt);
    await kafka.sendAttemptsTogether(hostile, after);

    const stored = await projectedDelivery(hostile.deliveryId, (found) => found.attemptCount === 1);
    await projectedDelivery(after.deliveryId, (found) => found.attemptCount === 1);
    expect(stored.subject).toBe('job\uFFFD');
    expect(stored.payload?.data).toEqual(
      JSON.parse('{"constructor":{"toString":"\\ufffd"},"__proto__":[1]}'),
    );
    expect(stored.attempts[0].responseBody).toBe('nul \uFFFD');
    expect(stored.attempts[0].responseHeaders).toEqual(
      JSON.parse('{"constructor":"x","__proto__":"y","x-\\ufffd":"\\ufffd"}'),
    );
  });

  it('parks an attempt Postgres refuses and projects the rest of its batch', async () => {
    const deadLetters = await kafka.watchDeadLetters(`${env.runId}-audit-dlq-watch-refused`);
    const [first] = retried();
    const attempts = [1, 2, 3, 4, 5].map((attempt) =>
      anAttemptEvent(
        {
          ...first,
          attemptId: `att_${env.runId}_refused_${attempt}`,
          attempt,
          outcome: 'http_5xx',
          responseStatus: 500,
          deliveryStatus: 'retrying',
          nextAttemptAt: first.nextAttemptAt,
          // Valid to the contract, beyond the int column.
          durationMs: attempt === 3 ? 2 ** 31 : 10,
        },
        occurredAt,
      ),
    );
    await kafka.sendAttemptsTogether(...attempts);

    const delivery = await projectedDelivery(first.deliveryId, (found) => found.attemptCount === 4);
    expect(delivery.attempts.map((attempt) => attempt.attempt)).toEqual([1, 2, 4, 5]);
    const letter = await eventually(
      () => {
        const found = deadLetters.find((seen) => seen.value.includes(`att_${env.runId}_refused_3`));
        expect(found).toBeDefined();
        return found!;
      },
      { timeoutMs: 30_000 },
    );
    expect(deadLetters.filter((seen) => seen.value.includes(`${env.runId}_refused_`))).toHaveLength(1);
    expect(letter.headers[KafkaHeaders.dlqReason]).toContain('out of range for type integer');
    const ready = await fetch(`${audit.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
  });
});
