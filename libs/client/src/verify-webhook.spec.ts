import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { verifyWebhook } from './verify-webhook';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const other = `whsec_${randomBytes(32).toString('base64')}`;
const body = JSON.stringify({
  id: 'evt_1',
  type: 'job.created',
  timestamp: '2026-01-15T09:30:00Z',
  data: { a: 1 },
});
const now = new Date('2026-01-15T09:30:10Z');
const seconds = Math.floor(now.getTime() / 1000);

/** Signed by the Standard Webhooks reference library, not by the code under test. */
function signed(withSecret = secret, at = seconds, id = 'evt_1'): Record<string, string> {
  const signature = new Webhook(withSecret.slice('whsec_'.length)).sign(id, new Date(at * 1000), body);
  return { 'webhook-id': id, 'webhook-timestamp': String(at), 'webhook-signature': signature };
}

describe(verifyWebhook.name, () => {
  it('accepts a delivery signed with the secret and returns its payload', () => {
    const result = verifyWebhook({ secret, headers: signed(), body, now });
    expect(result).toEqual({
      ok: true,
      webhookId: 'evt_1',
      timestamp: seconds,
      payload: JSON.parse(body),
    });
  });

  it('accepts either secret during a rotation, and headers given as a fetch Headers', () => {
    const headers = new Headers(signed(other));
    expect(verifyWebhook({ secret: [secret, other], headers, body, now }).ok).toBe(true);
  });

  it('accepts when one of several signatures matches', () => {
    const headers = signed();
    headers['webhook-signature'] = `${signed(other)['webhook-signature']} ${headers['webhook-signature']}`;
    expect(verifyWebhook({ secret, headers, body, now }).ok).toBe(true);
  });

  it.each([
    ['a changed body', { body: body.replace('"a":1', '"a":2') }],
    ['a wrong secret', { secret: other }],
    ['a changed webhook-id', { headers: { ...signed(), 'webhook-id': 'evt_2' } }],
  ])('refuses %s as a signature mismatch', (_, change) => {
    const result = verifyWebhook({ secret, headers: signed(), body, now, ...change });
    expect(result).toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });

  it('refuses an old timestamp, saying how old', () => {
    const result = verifyWebhook({ secret, headers: signed(secret, seconds - 600), body, now });
    expect(result).toEqual({
      ok: false,
      reason: 'timestamp_outside_tolerance',
      message: expect.stringContaining('600 s old, more than the 300 s allowed'),
    });
  });

  it('refuses a timestamp in the future', () => {
    const result = verifyWebhook({ secret, headers: signed(secret, seconds + 400), body, now });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('400 s in the future') });
  });

  it('names the missing headers', () => {
    const result = verifyWebhook({ secret, headers: { 'webhook-id': 'evt_1' }, body, now });
    expect(result).toEqual({
      ok: false,
      reason: 'missing_header',
      message: 'missing header webhook-timestamp, webhook-signature',
    });
  });

  it('refuses a secret that is not whsec_ base64', () => {
    const result = verifyWebhook({ secret: 'not-a-secret', headers: signed(), body, now });
    expect(result).toMatchObject({ ok: false, reason: 'invalid_secret' });
  });
});
