import { screen } from '@testing-library/react';
import type { EventType } from '../../api/types';
import { eventType, renderWithPortal } from '../../test/render';
import { DeliveryDefaults } from './DeliveryDefaults';

describe('DeliveryDefaults', () => {
  const valueOf = (term: string) => screen.getByText(term).nextElementSibling?.textContent;
  /** Renders the defaults of `type` with `changes`, and what they say of retries and of expiry. */
  const shown = (type: EventType, changes: Partial<EventType>) => {
    renderWithPortal(<DeliveryDefaults eventType={{ ...type, ...changes }} />);
    return { retries: valueOf('Retries (webhooks without their own)'), expires: valueOf('Expires') };
  };

  it("shows the type's default schedule and that its events do not expire", () => {
    expect(shown(eventType('webhook.test', 'A test'), { defaultRetryPolicy: { preset: 'none' } })).toEqual({
      retries: 'No retries',
      expires: 'Never, unless the event sets its own expiry',
    });
  });

  it('marks what the organization set itself, and only that', () => {
    const defaults = shown(eventType('job.created', 'A job'), {
      defaultRetryPolicy: { preset: 'short' },
      defaultTtlSeconds: null,
      organizationDefaults: { retryPolicy: { preset: 'short' }, ttlSeconds: null },
    });
    expect(defaults).toEqual({
      retries: "Short: retry after 5 minutes and after 10 minutes, then stopYour organization's setting",
      expires: 'Never, unless the event sets its own expiry',
    });
  });

  it('shows a custom schedule by its delays and a TTL in seconds', () => {
    const defaults = shown(eventType('drawing.created', 'A drawing'), {
      defaultRetryPolicy: { preset: 'custom', delaysSeconds: [60, 600] },
      defaultTtlSeconds: 86_400,
    });
    expect(defaults).toEqual({
      retries: 'After 60, 600 seconds',
      expires: '86400 s after it occurred, unless the event sets its own expiry',
    });
  });
});
