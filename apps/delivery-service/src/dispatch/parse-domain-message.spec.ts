import { jobCreatedEvent } from '../../test/fixtures';
import { consumedMessage } from '../../test/kafka-helpers';
import { parseDomainMessage } from './parse-domain-message';

const message = (value: unknown, headers: Record<string, string> = {}) =>
  consumedMessage(value, { key: 'org_1:job_1', headers });

describe(parseDomainMessage.name, () => {
  const native = jobCreatedEvent({ organizationId: 'org_1', subject: 'job_1' });
  const cloudEvent = {
    ce_specversion: '1.0',
    ce_id: native.id,
    ce_source: '/jobs',
    ce_type: native.type,
    ce_subject: native.subject,
    ce_time: native.occurredAt,
    ce_organizationid: native.organizationId,
    'content-type': 'application/json',
  };

  it('reads a native envelope', () => {
    expect(parseDomainMessage(message(native), 1_000_000)).toMatchObject({ ok: true, event: native });
  });

  it('refuses an event read from the topic of another resource, naming both', () => {
    expect(parseDomainMessage(message(native), 1_000_000, 'domain.estimate.v1')).toEqual({
      ok: false,
      reason: `invalid event: type "${native.type}" belongs on domain.job.v1, not domain.estimate.v1`,
    });
    expect(parseDomainMessage(message(native), 1_000_000, 'domain.job.v1')).toMatchObject({ ok: true });
  });

  it('reads a binary-mode CloudEvent as the same envelope', () => {
    const parsed = parseDomainMessage(message(native.data, cloudEvent), 1_000_000);
    expect(parsed).toMatchObject({ ok: true, event: { ...native } });
  });

  it('refuses a CloudEvent without the attributes Hookline needs, naming them', () => {
    const withoutOrganization: Record<string, string> = { ...cloudEvent };
    delete withoutOrganization.ce_organizationid;
    expect(parseDomainMessage(message(native.data, withoutOrganization), 1_000_000)).toEqual({
      ok: false,
      reason: 'invalid CloudEvent: CloudEvent header ce_organizationid is required',
    });
  });

  it('validates a CloudEvent like an envelope: its type must be in the catalog', () => {
    const parsed = parseDomainMessage(
      message(native.data, { ...cloudEvent, ce_type: 'com.example.job.created' }),
      1_000_000,
    );
    expect(parsed).toEqual({
      ok: false,
      reason: 'invalid event: type "com.example.job.created" is not in the event catalog',
    });
  });
});
