import { screen } from '@testing-library/react';
import { eventType, renderWithPortal } from '../../test/render';
import { DeliveryDefaults } from './DeliveryDefaults';

describe('DeliveryDefaults', () => {
  const valueOf = (term: string) => screen.getByText(term).nextElementSibling?.textContent;

  it("shows the type's default schedule and that its events do not expire", () => {
    renderWithPortal(
      <DeliveryDefaults
        eventType={{ ...eventType('webhook.test', 'A test'), defaultRetryPolicy: { preset: 'none' } }}
      />,
    );
    expect(valueOf('Retries (webhooks without their own)')).toBe('No retries');
    expect(valueOf('Expires')).toBe('Never, unless the event sets its own expiry');
  });

  it('marks what the organization set itself, and only that', () => {
    renderWithPortal(
      <DeliveryDefaults
        eventType={{
          ...eventType('job.created', 'A job'),
          defaultRetryPolicy: { preset: 'short' },
          defaultTtlSeconds: null,
          organizationDefaults: { retryPolicy: { preset: 'short' }, ttlSeconds: null },
        }}
      />,
    );
    expect(valueOf('Retries (webhooks without their own)')).toBe(
      "Short: retry after 5 minutes and after 10 minutes, then stopYour organization's setting",
    );
    expect(valueOf('Expires')).toBe('Never, unless the event sets its own expiry');
  });

  it('shows a custom schedule by its delays and a TTL in seconds', () => {
    renderWithPortal(
      <DeliveryDefaults
        eventType={{
          ...eventType('drawing.created', 'A drawing'),
          defaultRetryPolicy: { preset: 'custom', delaysSeconds: [60, 600] },
          defaultTtlSeconds: 86_400,
        }}
      />,
    );
    expect(valueOf('Retries (webhooks without their own)')).toBe('After 60, 600 seconds');
    expect(valueOf('Expires')).toBe('86400 s after it occurred, unless the event sets its own expiry');
  });
});
