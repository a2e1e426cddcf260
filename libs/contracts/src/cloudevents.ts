/**
 * CloudEvents 1.0 in Kafka binary mode, accepted on domain topics beside the native envelope: the
 * attributes travel as `ce_*` headers and the value is the event's `data`. Hookline needs three things the
 * CloudEvents core leaves optional: `subject`, `time`, and the organization, an extension attribute.
 */
export const CloudEventHeaders = {
  specVersion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  subject: 'ce_subject',
  time: 'ce_time',
  /** Extension attribute `organizationid`: the organization the event belongs to. */
  organizationId: 'ce_organizationid',
  /** Extension attribute `expiresat`: no delivery attempt is made after this instant. */
  expiresAt: 'ce_expiresat',
} as const;

export const CLOUDEVENTS_SPEC_VERSION = '1.0';

const REQUIRED = [
  CloudEventHeaders.id,
  CloudEventHeaders.source,
  CloudEventHeaders.type,
  CloudEventHeaders.subject,
  CloudEventHeaders.time,
  CloudEventHeaders.organizationId,
] as const;

export type CloudEventMapping =
  { ok: true; envelope: Record<string, unknown> } | { ok: false; errors: string[] };

/**
 * The envelope a binary-mode CloudEvent stands for, to be validated like a native one: `ce_id` → `id`,
 * `ce_type` → `type` (a catalog type), `ce_subject` → `subject`, `ce_time` → `occurredAt`,
 * `ce_organizationid` → `organizationId`, `ce_expiresat` → `expiresAt`, the value → `data`.
 * `ce_source` is required by CloudEvents and not used. A CloudEvent cannot carry `target`: only Hookline
 * sets that.
 */
export function envelopeFromCloudEvent(
  headers: Readonly<Record<string, string>>,
  data: unknown,
): CloudEventMapping {
  const errors: string[] = [];
  const specVersion = headers[CloudEventHeaders.specVersion];
  if (specVersion !== CLOUDEVENTS_SPEC_VERSION) {
    errors.push(`${CloudEventHeaders.specVersion} must be ${CLOUDEVENTS_SPEC_VERSION}, got "${specVersion}"`);
  }
  for (const header of REQUIRED) {
    if (!headers[header]) {
      errors.push(`CloudEvent header ${header} is required`);
    }
  }
  const contentType = headers['content-type'];
  if (contentType !== undefined && !/^application\/(.+\+)?json\s*(;|$)/i.test(contentType)) {
    errors.push(
      `content-type must be application/json (the value is the event's data), got "${contentType}"`,
    );
  }
  if (errors.length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    envelope: {
      id: headers[CloudEventHeaders.id],
      type: headers[CloudEventHeaders.type],
      organizationId: headers[CloudEventHeaders.organizationId],
      subject: headers[CloudEventHeaders.subject],
      occurredAt: headers[CloudEventHeaders.time],
      ...(headers[CloudEventHeaders.expiresAt] ? { expiresAt: headers[CloudEventHeaders.expiresAt] } : {}),
      data,
    },
  };
}
