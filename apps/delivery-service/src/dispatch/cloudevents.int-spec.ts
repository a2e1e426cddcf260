import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { deliveryIdFor, domainMessageKey, domainTopic, newId } from '@hookline/contracts';
import { eventually } from '@hookline/testing';
import { jobCreatedEvent } from '../../test/fixtures';
import { startDeliveryHarness, type DeliveryHarness } from '../../test/delivery-harness';

describe('CloudEvents binary mode on domain topics', () => {
  let harness: DeliveryHarness;

  beforeAll(async () => {
    harness = await startDeliveryHarness('cloudevents');
  }, 90_000);

  afterAll(() => harness?.stop());

  const publishCloudEvent = (headers: Record<string, string>, data: unknown) =>
    harness.publisher.send(domainTopic('job'), [
      {
        key: domainMessageKey(headers.ce_organizationid ?? 'none', headers.ce_subject ?? 'none'),
        value: data,
        headers,
      },
    ]);

  it('delivers a binary-mode CloudEvent like the native envelope it maps to, signed', async () => {
    const organizationId = harness.organization('ce');
    const receiver = await harness.receiver();
    const { state: webhook, secrets } = await harness.publishWebhook({ organizationId, url: receiver.url });
    const event = jobCreatedEvent({ organizationId, subject: 'job_ce' });

    await publishCloudEvent(
      {
        ce_specversion: '1.0',
        ce_id: event.id,
        ce_source: '//jobs.example.com',
        ce_type: 'job.created',
        ce_subject: event.subject,
        ce_time: event.occurredAt,
        ce_organizationid: organizationId,
        'content-type': 'application/json',
      },
      event.data,
    );

    const [attempt] = await harness.waitForAttempts(deliveryIdFor(event.id, webhook.id), 1);
    expect(attempt).toMatchObject({ outcome: 'success', eventType: 'job.created', subject: 'job_ce' });
    const [request] = receiver.requests;
    expect(JSON.parse(request.body)).toEqual({
      id: event.id,
      type: 'job.created',
      timestamp: event.occurredAt,
      data: event.data,
    });
    expect(request.headers['webhook-id']).toBe(event.id);
    expect(() =>
      new Webhook(secrets[0]).verify(request.body, request.headers as Record<string, string>),
    ).not.toThrow();
  });

  it('parks a CloudEvent without the organization on the DLQ, saying which header is missing', async () => {
    const subject = `job_ce_${randomBytes(6).toString('hex')}`;
    await publishCloudEvent(
      {
        ce_specversion: '1.0',
        ce_id: newId('evt'),
        ce_source: '/jobs',
        ce_type: 'job.created',
        ce_subject: subject,
        ce_time: new Date().toISOString(),
      },
      jobCreatedEvent().data,
    );
    const parked = await eventually(
      () => {
        const found = harness.deadLetters.messages.find((message) => message.headers.ce_subject === subject);
        expect(found).toBeDefined();
        return found!;
      },
      { timeoutMs: 30_000 },
    );
    expect(parked.headers['hookline-dlq-reason']).toBe(
      'invalid CloudEvent: CloudEvent header ce_organizationid is required',
    );
  });
});
