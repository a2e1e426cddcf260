import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { EVENT_CATALOG } from '@hookline/contracts';
import { eventually, type ReceivedRequest } from '@hookline/testing';
import { call } from './support/api-client';
import { arrivalOf } from './support/arrivals';
import { HooklineCli, JsonLines } from './support/hookline-cli';
import { useStage } from './support/stage';

interface ListenLine {
  event: 'ready' | 'delivery' | 'stopped';
  webhookId?: string;
  signingSecret?: string;
  type?: string;
  status?: number | null;
  signatureValid?: boolean;
}

interface DeliveryDetail {
  id: string;
  attempts: { responseStatus: number | null; responseBody: string | null }[];
}

describe('the hookline CLI against the real stack', () => {
  const stage = useStage('CLI Carpentry', {
    reply: () => ({ status: 202, body: 'accepted by the local endpoint' }),
  });
  let cli: HooklineCli;
  let configDir: string;
  let workDir: string;

  /** `hookline webhooks create` of an active webhook at the receiver's `path`, with `options` besides. */
  const createWithCli = (path: string, events: string, ...options: string[]) =>
    cli.json<{ id: string; signingSecret: string }>([
      'webhooks',
      'create',
      '--url',
      `${stage.receiver.url}${path}`,
      '--events',
      events,
      ...options,
      '--active',
    ]);
  const auditGet = <T>(route: string) =>
    call<T>('GET', `${stage.platform.audit.baseUrl}${route}`, { token: stage.key });

  beforeAll(async () => {
    configDir = mkdtempSync(path.join(os.tmpdir(), 'hookline-cli-'));
    workDir = mkdtempSync(path.join(os.tmpdir(), 'hookline-cli-work-'));
    cli = new HooklineCli(path.join(configDir, 'hookline'));
    // The new key reaches ingest and audit through Kafka; login checks it on all three and waits for that.
    const login = await cli.run([
      'login',
      '--api-key',
      stage.key,
      '--url',
      stage.platform.subscription.baseUrl,
      '--ingest-url',
      stage.platform.ingest.baseUrl,
      '--audit-url',
      stage.platform.audit.baseUrl,
    ]);
    expect(login).toMatchObject({ code: 0 });
  });

  afterAll(async () => {
    rmSync(configDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  });

  it('keeps the profile readable by its owner only', () => {
    expect(statSync(path.join(configDir, 'hookline', 'config.json')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(configDir, 'hookline')).mode & 0o777).toBe(0o700);
  });

  it('listen forwards a triggered event to a local endpoint, whose answer is the attempt response, and cleans up', async () => {
    const listen = new JsonLines<ListenLine>(
      cli.spawn([
        '--json',
        'listen',
        '--forward-to',
        `${stage.receiver.url}/local-hooks`,
        '--events',
        'job.*',
      ]),
    );
    const ready = await eventually(() => {
      const line = listen.lines.find((item) => item.event === 'ready');
      expect(line).toBeDefined();
      return line!;
    });
    const webhookId = ready.webhookId!;
    // Its activation test has come through: delivery routes by the webhook's state, so events follow.
    await eventually(
      () =>
        expect(listen.lines).toContainEqual(
          expect.objectContaining({ event: 'delivery', type: 'webhook.test' }),
        ),
      { timeoutMs: 30_000 },
    );

    const triggered = await cli.json<{ id: string }>(['trigger', 'job.created']);
    const request = await arrivalOf(stage.receiver, triggered.id, {
      path: '/local-hooks',
      timeoutMs: 30_000,
    });
    // The original headers and signature, over the original bytes.
    expect(request.headers['webhook-signature']).toMatch(/^v1,/);
    expect(request.headers['user-agent']).toMatch(/Hookline/i);
    expect(() =>
      new Webhook(ready.signingSecret!).verify(request.body, request.headers as Record<string, string>),
    ).not.toThrow();
    expect(JSON.parse(request.body)).toMatchObject({ id: triggered.id, type: 'job.created' });

    const detail = await eventually(
      async () => {
        const page = await auditGet<{ items: { id: string }[] }>(
          `/v1/webhooks/${webhookId}/deliveries?eventId=${triggered.id}`,
        );
        expect(page.body.items).toHaveLength(1);
        const delivery = await auditGet<DeliveryDetail>(`/v1/deliveries/${page.body.items[0].id}`);
        expect(delivery.body.attempts).toHaveLength(1);
        return delivery.body;
      },
      { timeoutMs: 30_000 },
    );
    expect(detail.attempts[0]).toMatchObject({
      responseStatus: 202,
      responseBody: 'accepted by the local endpoint',
    });
    await eventually(() =>
      expect(listen.lines).toContainEqual(
        expect.objectContaining({
          event: 'delivery',
          type: 'job.created',
          status: 202,
          signatureValid: true,
        }),
      ),
    );

    listen.child.kill('SIGINT');
    expect(await listen.exited()).toBe(0);
    const afterExit = await call('GET', `${stage.platform.subscription.baseUrl}/v1/webhooks/${webhookId}`, {
      token: stage.key,
    });
    expect(afterExit.status).toBe(404);
  });

  it('the relay deletes the temporary webhook itself when the CLI dies without cleaning up', async () => {
    const listen = new JsonLines<ListenLine>(cli.spawn(['--json', 'listen']));
    const ready = await eventually(() => {
      const line = listen.lines.find((item) => item.event === 'ready');
      expect(line).toBeDefined();
      return line!;
    });
    expect(
      (
        await call('GET', `${stage.platform.subscription.baseUrl}/v1/webhooks/${ready.webhookId}`, {
          token: stage.key,
        })
      ).status,
    ).toBe(200);
    listen.child.kill('SIGKILL');
    await listen.exited();
    await eventually(async () => {
      const gone = await call(
        'GET',
        `${stage.platform.subscription.baseUrl}/v1/webhooks/${ready.webhookId}`,
        {
          token: stage.key,
        },
      );
      expect(gone.status).toBe(404);
    });
  });

  it('manages webhooks, reads the catalog and the delivery log, redelivers and recovers', async () => {
    const created = await createWithCli('/managed', 'order.*', '--name', 'managed');
    expect(created.signingSecret).toMatch(/^whsec_/);
    expect(await cli.json(['webhooks', 'get', created.id])).toMatchObject({
      id: created.id,
      name: 'managed',
      active: true,
    });
    const listed = await cli.json<{ id: string }[]>(['webhooks', 'list', '--event-type', 'order.created']);
    expect(listed.map((item) => item.id)).toContain(created.id);
    expect(
      await cli.json([
        'webhooks',
        'update',
        created.id,
        '--name',
        'renamed',
        '--events',
        'order.*,job.created',
      ]),
    ).toMatchObject({
      name: 'renamed',
      events: ['order.*', 'job.created'],
    });
    const rotated = await cli.json<{ key: string }>([
      'webhooks',
      'rotate-secret',
      created.id,
      '--grace-seconds',
      '0',
    ]);
    expect(rotated.key).not.toBe(created.signingSecret);
    const test = await cli.json<{ eventId: string }>(['webhooks', 'test', created.id]);
    await eventually(
      () =>
        expect(stage.receiver.requestsTo('/managed').map((item) => item.headers['webhook-id'])).toContain(
          test.eventId,
        ),
      {
        timeoutMs: 30_000,
      },
    );

    const catalog = await cli.json<{ items: { type: string }[] }>(['event-types']);
    expect(catalog.items.map((item) => item.type)).toEqual(
      EVENT_CATALOG.map((definition) => definition.type),
    );

    const deliveries = await eventually(
      async () => {
        const items = await cli.json<{ id: string; eventId: string }[]>(['deliveries', 'list', created.id]);
        expect(items.map((item) => item.eventId)).toContain(test.eventId);
        return items;
      },
      { timeoutMs: 30_000 },
    );
    const delivery = deliveries.find((item) => item.eventId === test.eventId)!;
    expect(await cli.json(['deliveries', 'get', delivery.id])).toMatchObject({
      id: delivery.id,
      eventId: test.eventId,
    });
    expect(await cli.json(['deliveries', 'redeliver', delivery.id])).toMatchObject({
      commandId: expect.any(String),
    });
    expect(await cli.json(['recover', created.id, '--since', '1h'])).toMatchObject({
      webhookId: created.id,
      count: 0,
    });

    const unknown = await cli.run(['webhooks', 'get', 'wh_unknown']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('(404 not_found) webhook wh_unknown not found');

    expect(await cli.json(['webhooks', 'delete', created.id])).toEqual({ deleted: created.id });
    expect((await cli.run(['webhooks', 'get', created.id])).code).toBe(1);
  });

  it('listen reports a refusal with the API message', async () => {
    const result = await cli.run(['listen', '--events', 'job.craeted']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('job.created');
  });

  it('trigger publishes the catalog example of every product event type', async () => {
    const productTypes = EVENT_CATALOG.filter((definition) => definition.origin !== 'platform').map(
      (definition) => definition.type,
    );
    const results = [];
    // A few processes at a time: each is a whole Node start.
    for (let index = 0; index < productTypes.length; index += 4) {
      results.push(
        ...(await Promise.all(
          productTypes
            .slice(index, index + 4)
            .map(async (type) => ({ type, run: await cli.run(['--json', 'trigger', type]) })),
        )),
      );
    }
    const refused = results
      .filter(({ run }) => run.code !== 0)
      .map(({ type, run }) => `${type}: ${run.stderr}`);
    expect(refused).toEqual([]);
    for (const { type, run } of results) {
      expect(JSON.parse(run.stdout)).toMatchObject({ type, id: expect.any(String) });
    }

    const ownData = path.join(workDir, 'job.json');
    const example = EVENT_CATALOG.find((definition) => definition.type === 'job.created')!.example;
    writeFileSync(ownData, JSON.stringify({ ...example, name: 'From a file' }));
    expect(await cli.json(['trigger', 'job.created', '--data', ownData])).toMatchObject({
      type: 'job.created',
    });

    const platformType = await cli.run(['trigger', 'webhook.test']);
    expect(platformType.code).toBe(1);
    expect(platformType.stderr).toContain('sent by Hookline itself');
  });

  describe('verify', () => {
    let secret: string;
    let delivered: ReceivedRequest;

    const verify = (headers: Record<string, unknown>, body: string, withSecret = secret) => {
      const headersFile = path.join(workDir, `headers-${randomBytes(4).toString('hex')}.json`);
      const bodyFile = `${headersFile}.body`;
      writeFileSync(headersFile, JSON.stringify(headers));
      writeFileSync(bodyFile, body);
      return cli.run(['verify', '--secret', withSecret, '--headers', headersFile, '--body', bodyFile]);
    };

    beforeAll(async () => {
      const created = await createWithCli('/verified', 'estimate.*');
      secret = created.signingSecret;
      // Its activation test has come through: delivery routes by the webhook's state, so events follow.
      await eventually(() => expect(stage.receiver.requestsTo('/verified')).not.toHaveLength(0), {
        timeoutMs: 30_000,
      });
      const triggered = await cli.json<{ id: string }>(['trigger', 'estimate.created']);
      delivered = await arrivalOf(stage.receiver, triggered.id, { path: '/verified', timeoutMs: 30_000 });
    });

    it('accepts a real delivery', async () => {
      const result = await verify(delivered.headers, delivered.body);
      expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('signature verified') });
    });

    it('refuses a changed body, naming what changed', async () => {
      const changed = JSON.parse(delivered.body);
      changed.data.title = 'Changed on the way';
      const result = await verify(delivered.headers, JSON.stringify(changed));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('body changed');
      expect(result.stderr).toContain('data.title');
    });

    it('refuses an old timestamp', async () => {
      const old = String(Math.floor(Date.now() / 1000) - 3_600);
      const result = await verify({ ...delivered.headers, 'webhook-timestamp': old }, delivered.body);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/timestamp outside tolerance: webhook-timestamp is 360\d s old/);
    });

    it('refuses a wrong secret', async () => {
      const result = await verify(
        delivered.headers,
        delivered.body,
        `whsec_${randomBytes(32).toString('base64')}`,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('wrong secret');
    });
  });
});
