import type { AttemptEvent } from '@hookline/contracts';
import type { ApiErrorBody } from '@hookline/platform';
import { eventually } from '@hookline/testing';
import { DataSource } from 'typeorm';
import { aRetriedDelivery, anAttemptEvent, hoursAgo, timedOut } from '../../test/attempt-event.fixture';
import { useAuditHarness } from '../../test/audit-harness';
import { aDeliveryListFilter } from '../../test/delivery-list-filter.fixture';
import { aWebhookState } from '../../test/webhook-state.fixture';
import { DeliveriesController } from './deliveries.controller';
import { buildDeliveryListQuery, type DeliveryListFilter } from './delivery-list.query';
import { DeliveriesRepository } from './deliveries.repository';
import type { DeliveryDetailDto } from './dto/delivery-detail.dto';
import type { DeliveryPageDto } from './dto/delivery-page.dto';

describe(DeliveriesController.name, () => {
  const audit = useAuditHarness('api');
  const { kafka } = audit;
  const organizationId = audit.organizationId();
  const otherOrganizationId = audit.organizationId('other');
  const webhook = aWebhookState({ organizationId });
  const deletedWebhook = aWebhookState({ organizationId });

  // Five recent deliveries one minute apart; the list shows them newest first.
  const base = hoursAgo(3);
  const minute = (n: number) => new Date(Date.parse(base) + n * 60_000).toISOString();
  const attemptOf = (n: number, overrides: Partial<AttemptEvent>) =>
    anAttemptEvent({ organizationId, webhookId: webhook.id, startedAt: minute(n), ...overrides }, base);
  const d1 = attemptOf(1, { eventType: 'job.created' });
  const d2 = attemptOf(2, {
    eventType: 'job.updated',
    attempt: 3,
    responseStatus: 500,
    outcome: 'http_5xx',
    deliveryStatus: 'failed',
  });
  // Made by a backfill: the log names it and filters by it.
  const d3 = attemptOf(3, { eventType: 'job.created', backfillId: 'bf_01JDZ8K3Q4W5E6R7T8Y9U0I1O2' });
  const d4 = attemptOf(4, { eventType: 'job.created', ...timedOut(minute(9)) });
  const d5 = attemptOf(5, { eventType: 'estimate.created' });
  const newestFirst = [d5, d4, d3, d2, d1].map((event) => event.deliveryId);

  /** API keys by what they may do, published in `beforeAll`. */
  let keys: Record<'read' | 'otherOrg' | 'noScope', string>;

  beforeAll(async () => {
    keys = await audit.connectWith(
      {
        read: { organizationId, scopes: ['deliveries:read'] },
        otherOrg: { organizationId: otherOrganizationId, scopes: ['deliveries:read'] },
        noScope: { organizationId, scopes: ['webhooks:read'] },
      },
      [webhook, deletedWebhook],
    );
    await kafka.sendAttempts(d1, d2, d3, d4, d5);
    await audit.start();
    await eventually(
      async () => {
        const { status, body } = await list(`/v1/webhooks/${webhook.id}/deliveries?limit=100`);
        expect(status).toBe(200);
        expect(body.items).toHaveLength(5);
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  });

  const list = (path: string, key: string | null = keys.read) => audit.getJson<DeliveryPageDto>(path, key);
  const fail = (path: string, key: string | null = keys.read) => audit.getJson<ApiErrorBody>(path, key);

  /** Follows `nextCursor` to the end and returns each page's ids. */
  async function allPages(query: string): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor === null ? '' : `&cursor=${cursor}`;
      const { status, body } = await list(`/v1/webhooks/${webhook.id}/deliveries?${query}${suffix}`);
      expect(status).toBe(200);
      pages.push(body.items.map((item) => item.id));
      cursor = body.nextCursor;
    } while (cursor !== null && pages.length < 10);
    return pages;
  }

  it('lists a webhook log newest first, with the columns of the log history', async () => {
    const { body } = await list(`/v1/webhooks/${webhook.id}/deliveries`);
    expect(body.items.map((item) => item.id)).toEqual(newestFirst);
    expect(body.nextCursor).toBeNull();
    expect(body.items[1]).toEqual({
      id: d4.deliveryId,
      eventId: d4.eventId,
      eventType: 'job.created',
      url: d4.url,
      status: 'retrying',
      attemptCount: 1,
      lastResponseStatus: null,
      heldReason: null,
      backfillId: null,
      createdAt: minute(4),
      updatedAt: new Date(Date.parse(minute(4)) + d4.durationMs).toISOString(),
    });
  });

  it('pages through every delivery exactly once', async () => {
    expect(await allPages('limit=2')).toEqual([
      newestFirst.slice(0, 2),
      newestFirst.slice(2, 4),
      newestFirst.slice(4),
    ]);
  });

  it('filters by status, event type, event id and time, also across pages', async () => {
    const ids = async (query: string) => (await allPages(query)).flat();
    expect(await ids('status=succeeded')).toEqual([d5, d3, d1].map((event) => event.deliveryId));
    expect(await ids('eventType=job.created')).toEqual([d4, d3, d1].map((event) => event.deliveryId));
    expect(await allPages('status=succeeded&eventType=job.created&limit=1')).toEqual([
      [d3.deliveryId],
      [d1.deliveryId],
    ]);
    expect(await ids(`eventId=${d2.eventId}`)).toEqual([d2.deliveryId]);
    expect(await ids(`eventId=${d2.eventId}&status=succeeded`)).toEqual([]);
    expect(await ids('backfillId=bf_01JDZ8K3Q4W5E6R7T8Y9U0I1O2')).toEqual([d3.deliveryId]);
    expect(await ids(`from=${minute(2)}&to=${minute(4)}`)).toEqual([d3.deliveryId, d2.deliveryId]);
    expect(await allPages(`from=${minute(2)}&to=${minute(5)}&limit=2`)).toEqual([
      [d4.deliveryId, d3.deliveryId],
      [d2.deliveryId],
    ]);
    expect(await allPages(`from=${minute(1)}&eventType=job.created&limit=1`)).toEqual([
      [d4.deliveryId],
      [d3.deliveryId],
      [d1.deliveryId],
    ]);
  });

  it('picks a page from the (webhook_id, created_at desc, id desc) index alone, without sorting', async () => {
    const dataSource = audit.app.get(DataSource);
    // Index-only scans need the visibility map that VACUUM sets; a busy table gets it from autovacuum.
    await dataSource.query('VACUUM ANALYZE audit.delivery');
    const plans = await dataSource.transaction(async (manager) => {
      // A test table of a few hundred rows is cheaper to scan whole; production ones are not.
      await manager.query('SET LOCAL enable_seqscan = off');
      await manager.query('SET LOCAL enable_bitmapscan = off');
      // On a few rows the organization's index plus a sort can cost less; production tables make it far
      // dearer. A sort still shows in the plan when no index gives the order, so this checks the index.
      await manager.query('SET LOCAL enable_sort = off');
      const explain = async (filter: Partial<DeliveryListFilter>) => {
        const { sql, params } = buildDeliveryListQuery(
          aDeliveryListFilter(organizationId, webhook.id, filter),
          21,
        );
        const [row] = await manager.query<Array<{ 'QUERY PLAN': unknown }>>(
          `EXPLAIN (FORMAT JSON) ${sql}`,
          params,
        );
        return JSON.stringify(row['QUERY PLAN']);
      };
      return {
        listed: [
          await explain({}),
          await explain({ status: 'succeeded', eventType: 'job.created', from: new Date(minute(1)) }),
          await explain({ after: { createdAt: new Date(minute(3)), id: d3.deliveryId } }),
        ],
        // Failed deliveries have a partial index of their own (recovery uses it too).
        failed: await explain({ status: 'failed' }),
      };
    });
    for (const plan of plans.listed) {
      expect(plan).toContain('"Node Type":"Index Only Scan"');
      expect(plan).toContain('"Index Name":"delivery_webhook_list_idx"');
      expect(plan).not.toContain('"Node Type":"Sort"');
    }
    expect(plans.failed).toMatch(/"Index Name":"delivery_webhook_(list|failed)_idx"/);
    expect(plans.failed).not.toContain('"Node Type":"Sort"');
  });

  it('keeps the log of a deleted webhook readable to its organization', async () => {
    const [failed, succeeded] = aRetriedDelivery({ organizationId, webhookId: deletedWebhook.id });
    await kafka.sendAttempts(failed, succeeded);
    await kafka.deleteWebhook(deletedWebhook.id);
    const dataSource = audit.app.get(DataSource);
    await eventually(
      async () => {
        const rows = await dataSource.query<Array<{ deleted_at: Date | null }>>(
          'SELECT deleted_at FROM audit.webhook WHERE id = $1',
          [deletedWebhook.id],
        );
        expect(rows[0]?.deleted_at).toBeInstanceOf(Date);
        // Attempts and webhook states are consumed separately: wait for the attempts too.
        const { status, body } = await list(`/v1/webhooks/${deletedWebhook.id}/deliveries`);
        expect(status).toBe(200);
        expect(body.items.map((item) => [item.id, item.status])).toEqual([[failed.deliveryId, 'succeeded']]);
      },
      { timeoutMs: 30_000 },
    );
  });

  it('reads a delivery and its attempts from one snapshot while the projection writes', async () => {
    const [failed] = aRetriedDelivery({ organizationId, webhookId: webhook.id });
    await kafka.sendAttempts(failed);
    await eventually(
      async () =>
        expect((await audit.getJson(`/v1/deliveries/${failed.deliveryId}`, keys.read)).status).toBe(200),
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    // The projection commits attempt 2 (row and count together) after the delivery row was read
    // and before its attempts are: the detail still shows one consistent state.
    const dataSource = audit.app.get(DataSource);
    const repository = audit.app.get(DeliveriesRepository);
    const findAttempts = repository.findAttempts.bind(repository);
    const spy = jest.spyOn(repository, 'findAttempts').mockImplementationOnce(async (...args) => {
      await dataSource.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO audit.attempt
             SELECT id || '_2', delivery_id, organization_id, webhook_id, event_type, url, 2, started_at + interval '1 minute',
                    duration_ms, request_headers, response_status, response_headers, response_body,
                    response_body_truncated, outcome, error, next_attempt_at
             FROM audit.attempt WHERE delivery_id = $1`,
          [failed.deliveryId],
        );
        await manager.query('UPDATE audit.delivery SET attempt_count = attempt_count + 1 WHERE id = $1', [
          failed.deliveryId,
        ]);
      });
      return findAttempts(...args);
    });
    try {
      const { status, body } = await audit.getJson<DeliveryDetailDto>(
        `/v1/deliveries/${failed.deliveryId}`,
        keys.read,
      );
      expect(status).toBe(200);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(body.attempts).toHaveLength(body.attemptCount);
    } finally {
      spy.mockRestore();
    }
  });

  it("answers 404 for another organization's webhook and delivery", async () => {
    const listed = await fail(`/v1/webhooks/${webhook.id}/deliveries`, keys.otherOrg);
    expect(listed).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: `webhook ${webhook.id} not found` },
    });
    const detail = await fail(`/v1/deliveries/${d1.deliveryId}`, keys.otherOrg);
    expect(detail).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: `delivery ${d1.deliveryId} not found` },
    });
    expect((await audit.getJson(`/v1/deliveries/${d1.deliveryId}`, keys.read)).status).toBe(200);
  });

  it('answers 404 for a webhook it never heard of', async () => {
    expect((await fail('/v1/webhooks/wh_unknown/deliveries')).status).toBe(404);
  });

  it('answers 401 without a key and 403 for a key without deliveries:read', async () => {
    for (const path of [`/v1/webhooks/${webhook.id}/deliveries`, `/v1/deliveries/${d1.deliveryId}`]) {
      const anonymous = await fail(path, null);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      const unscoped = await fail(path, keys.noScope);
      expect(unscoped.status).toBe(403);
      expect(unscoped.body.message).toContain('deliveries:read');
    }
  });

  it('answers 400 naming the parameter that is wrong', async () => {
    const base = `/v1/webhooks/${webhook.id}/deliveries`;
    for (const [query, parameter] of [
      ['status=bogus', 'status'],
      ['limit=0', 'limit'],
      ['limit=500', 'limit'],
      ['from=yesterday', 'from'],
      ['cursor=bogus', 'cursor'],
      ['sort=asc', 'sort'],
    ]) {
      const { status, body } = await fail(`${base}?${query}`);
      expect({ query, status, error: body.error }).toEqual({ query, status: 400, error: 'Bad Request' });
      expect(body.message).toContain(parameter);
    }
  });
});
