import { Topics, type WebhookState } from '@hookline/contracts';
import { eventually } from '@hookline/testing';
import type { ApiResponse } from './http-client';
import {
  SubscriptionTestContext,
  type CreatedOrganization,
  type ErrorBody,
} from './subscription-test-context';
import type { TopicRecorder } from './topic-recorder';

/**
 * What a test file about the states webhooks publish sets up: the service, the subscriptions topic
 * recorded from its beginning, and one organization whose key the tests use. The fields are set in
 * the file's beforeAll, so tests and hooks read them, not the describe body.
 */
export class WebhookStatesSuite {
  context!: SubscriptionTestContext;
  organization!: CreatedOrganization;
  private subscriptions!: TopicRecorder;

  /** Registers the beforeAll and afterAll of the enclosing describe. */
  static start(name: string, organizationName: string, env: Record<string, string> = {}): WebhookStatesSuite {
    const suite = new WebhookStatesSuite();
    beforeAll(async () => {
      suite.context = await SubscriptionTestContext.start(name, env);
      suite.subscriptions = await suite.context.recordTopic(Topics.subscriptions);
      suite.organization = await suite.context.createOrganization(organizationName);
    });
    afterAll(async () => {
      await suite.subscriptions?.stop();
      await suite.context?.stop();
    });
    return suite;
  }

  /** The organization's API key, with every scope. */
  get token(): string {
    return this.organization.apiKey.key;
  }

  /** The states published for the webhook so far, oldest first. */
  statesOf(webhookId: string): WebhookState[] {
    return this.subscriptions.keyed(webhookId).map((message) => message.value as WebhookState);
  }

  /** The state of the webhook at `version`, once it is published. */
  stateAt(webhookId: string, version: number): Promise<WebhookState> {
    return eventually(() => {
      const state = this.statesOf(webhookId).find((candidate) => candidate.version === version);
      expect(state).toBeDefined();
      return state as WebhookState;
    });
  }

  /**
   * POSTs a webhook with `settings`, which the service refuses with a 400 naming `problem`, and checks
   * that it saved nothing.
   */
  async expectCreateRefused(
    settings: Record<string, unknown>,
    problem: string,
  ): Promise<ApiResponse<ErrorBody>> {
    const count = async () =>
      (await this.context.http.request<{ items: unknown[] }>('GET', '/v1/webhooks', { token: this.token }))
        .body.items.length;
    const before = await count();
    const response = await this.context.http.request<ErrorBody>('POST', '/v1/webhooks', {
      token: this.token,
      body: { name: 'refused', url: 'https://hooks.example.com/x', events: ['job.*'], ...settings },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain(problem);
    expect(await count()).toBe(before);
    return response;
  }

  /** POST /v1/webhooks/:id/secret/rotate with `body`. */
  rotateSecret(webhookId: string, body: Record<string, unknown> = {}) {
    return this.context.http.request<{ key: string } & ErrorBody>(
      'POST',
      `/v1/webhooks/${webhookId}/secret/rotate`,
      { token: this.token, body },
    );
  }

  /** The webhook's current signing secret, as GET /v1/webhooks/:id/secret reveals it. */
  async currentSecret(webhookId: string): Promise<string> {
    const path = `/v1/webhooks/${webhookId}/secret`;
    return (await this.context.http.request<{ key: string }>('GET', path, { token: this.token })).body.key;
  }
}
