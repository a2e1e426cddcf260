import { DEFAULT_RETRY_POLICY, newId, type WebhookState } from '@hookline/contracts';
import { anExampleWebhookState } from '@hookline/contracts/testing';

/** The contracts' example webhook state under a new id of the fixture organization. */
export function aWebhookState(overrides: Partial<WebhookState> = {}): WebhookState {
  return anExampleWebhookState({
    id: newId('wh'),
    organizationId: 'org_fixture',
    retryPolicy: DEFAULT_RETRY_POLICY,
    secrets: [{ encrypted: 'v1.fixture', expiresAt: null }],
    version: 1,
    updatedAt: '2026-11-22T09:00:00.000Z',
    ...overrides,
  });
}
