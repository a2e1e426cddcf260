import { parseEndpointSignal } from './endpoint-signal.message';

const valid = {
  kind: 'disable',
  webhookId: 'wh_01JDZ8K3W6Y8F7T1V3N9Q2R5XA',
  organizationId: 'org_01JDZ8K3W6Y8F7T1V3N9Q2R5XB',
  reason: 'gone',
  detail: 'answered 410',
  at: '2026-11-22T10:00:00.000Z',
};
const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

describe(parseEndpointSignal.name, () => {
  it('accepts a signal of the contract', () => {
    expect(parseEndpointSignal(encode(valid))).toEqual({ ok: true, value: expect.objectContaining(valid) });
  });

  it('tolerates a field a newer delivery-service adds', () => {
    expect(parseEndpointSignal(encode({ ...valid, extra: true }))).toMatchObject({ ok: true });
  });

  it.each([
    [null, 'message has no value'],
    [Buffer.from('{'), 'value is not valid JSON'],
    [encode([valid]), 'endpoint signal must be a JSON object'],
    [encode({ ...valid, kind: 'pause' }), 'kind must be disable'],
    [encode({ ...valid, reason: 'slow' }), 'reason must be one of gone, failing'],
    [encode({ ...valid, at: 'yesterday' }), 'at must be an ISO 8601 date'],
    [encode({ ...valid, webhookId: 'wh 1' }), 'webhookId must be an id'],
    [encode({ ...valid, detail: 'x'.repeat(2_001) }), 'detail must be at most 2000 characters'],
  ])('refuses %s, saying why', (value, reason) => {
    const parsed = parseEndpointSignal(value);

    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toContain(reason);
    }
  });
});
