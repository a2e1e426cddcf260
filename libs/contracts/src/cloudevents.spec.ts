import { CloudEventHeaders, envelopeFromCloudEvent } from './cloudevents';

const attributes = {
  ce_specversion: '1.0',
  ce_id: 'evt_ce_1',
  ce_source: '/jobs-service',
  ce_type: 'job.created',
  ce_subject: 'job_1',
  ce_time: '2026-01-15T09:30:00Z',
  ce_organizationid: 'org_1',
  'content-type': 'application/json; charset=utf-8',
};

describe(envelopeFromCloudEvent.name, () => {
  it('maps the attributes and the value onto the envelope', () => {
    expect(envelopeFromCloudEvent({ ...attributes, ce_expiresat: '2026-01-16T00:00:00Z' }, { a: 1 })).toEqual(
      {
        ok: true,
        envelope: {
          id: 'evt_ce_1',
          type: 'job.created',
          organizationId: 'org_1',
          subject: 'job_1',
          occurredAt: '2026-01-15T09:30:00Z',
          expiresAt: '2026-01-16T00:00:00Z',
          data: { a: 1 },
        },
      },
    );
  });

  it('names every missing attribute', () => {
    const incomplete: Record<string, string> = { ...attributes };
    delete incomplete.ce_subject;
    delete incomplete.ce_organizationid;
    expect(envelopeFromCloudEvent(incomplete, {})).toEqual({
      ok: false,
      errors: [
        `CloudEvent header ${CloudEventHeaders.subject} is required`,
        `CloudEvent header ${CloudEventHeaders.organizationId} is required`,
      ],
    });
  });

  it('refuses another CloudEvents version and a value that is not JSON', () => {
    const result = envelopeFromCloudEvent(
      { ...attributes, ce_specversion: '0.3', 'content-type': 'text/plain' },
      {},
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        'ce_specversion must be 1.0, got "0.3"',
        `content-type must be application/json (the value is the event's data), got "text/plain"`,
      ],
    });
  });
});
