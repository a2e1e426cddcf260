import type { TestingModuleBuilder } from '@nestjs/testing';
import type { Kafka } from 'kafkajs';
import { createKafka } from '@hookline/kafka';
import { runMigrations, type ApiErrorBody } from '@hookline/platform';
import { SecretBox } from '@hookline/security';
import { eventually, testEnvironment } from '@hookline/testing';
import { DataSource } from 'typeorm';
import { subscriptionDataSourceOptions } from '../src/database/data-source';
import { HttpClient } from './http-client';
import { startSubscriptionApp, type RunningApp } from './start-subscription-app';
import { TopicRecorder } from './topic-recorder';

export const ADMIN_TOKEN = 'integration-admin-token-0123456789';
export const PRIMARY_KEY = `it1:${Buffer.alloc(32, 9).toString('base64')}`;
/** A retired key still in the keyring: values sealed with it open, and get re-encrypted. */
export const RETIRED_KEY = `old:${Buffer.alloc(32, 3).toString('base64')}`;
export const ENCRYPTION_KEYS = `${PRIMARY_KEY},${RETIRED_KEY}`;

export interface IssuedKey {
  id: string;
  name: string;
  key: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
}

export interface CreatedOrganization {
  id: string;
  name: string;
  createdAt: string;
  apiKey: IssuedKey;
}

export interface WebhookBody {
  id: string;
  name: string;
  description: string | null;
  url: string;
  events: string[];
  active: boolean;
  auth: { type: string; username?: string };
  headers: Record<string, string>;
  metadata: Record<string, string>;
  retryPolicy: { preset: string; delaysSeconds?: number[] } | null;
  timeoutSeconds: number;
  signatureScheme: { type: string; header?: string };
  ordered: boolean;
  rateLimitPerSecond: number | null;
  maxConcurrency: number | null;
  disabledReason: string | null;
  disabledAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  signingSecret?: string;
}

/** The API's one error body, as the tests read it. */
export type ErrorBody = ApiErrorBody;

/** One running service with its database and Kafka, and shortcuts for the calls every test makes. */
export class SubscriptionTestContext {
  readonly secretBox = SecretBox.fromEnv(ENCRYPTION_KEYS);

  private constructor(
    readonly running: RunningApp,
    readonly http: HttpClient,
    readonly database: DataSource,
    readonly kafka: Kafka,
    readonly runId: string,
    private readonly name: string,
  ) {}

  /** `name` keeps consumer groups and client ids of one test file apart from the others'. */
  static async start(
    name: string,
    env: Record<string, string> = {},
    configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
  ): Promise<SubscriptionTestContext> {
    const { kafkaBrokers, databaseUrl, runId } = testEnvironment();
    const options = subscriptionDataSourceOptions(databaseUrl);
    await runMigrations(options);
    const database = await new DataSource(options).initialize();
    const running = await startSubscriptionApp(
      {
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: kafkaBrokers,
        ADMIN_TOKEN,
        SECRETS_ENCRYPTION_KEYS: ENCRYPTION_KEYS,
        ALLOW_INSECURE_URLS: 'false',
        SIGNALS_CONSUMER_GROUP: `${runId}-${name}-signals`,
        BACKFILL_PROGRESS_CONSUMER_GROUP: `${runId}-${name}-backfill-progress`,
        ...env,
      },
      configure,
    );
    // As an orchestrator does: the signals consumer starts after bootstrap, so ready comes a moment later.
    await eventually(async () => {
      const response = await fetch(`${running.baseUrl}/health/ready`);
      if (response.status !== 200) {
        throw new Error(`subscription-service not ready: ${await response.text()}`);
      }
    });
    const kafka = createKafka({
      clientId: `${runId}-${name}`,
      brokers: kafkaBrokers.split(','),
      logLevel: 'nothing',
    });
    return new SubscriptionTestContext(
      running,
      new HttpClient(running.baseUrl),
      database,
      kafka,
      runId,
      name,
    );
  }

  /**
   * Starts a context for the enclosing describe (in its beforeAll) and stops it after; tests and hooks
   * read it as `.context`.
   */
  static forSuite(
    name: string,
    env: Record<string, string> = {},
  ): { readonly context: SubscriptionTestContext } {
    const suite = { context: undefined as unknown as SubscriptionTestContext };
    beforeAll(async () => {
      suite.context = await SubscriptionTestContext.start(name, env);
    });
    afterAll(async () => {
      await suite.context?.stop();
    });
    return suite;
  }

  /** Records `topic` from its beginning, in a consumer group of this test file's own. */
  recordTopic(topic: string): Promise<TopicRecorder> {
    return TopicRecorder.start(this.kafka, topic, `${this.runId}-${this.name}`);
  }

  async stop(): Promise<void> {
    await this.running.app.close();
    await this.database.destroy();
  }

  async createOrganization(name: string): Promise<CreatedOrganization> {
    const response = await this.http.request<CreatedOrganization>('POST', '/v1/organizations', {
      token: ADMIN_TOKEN,
      body: { name },
    });
    if (response.status !== 201) {
      throw new Error(`creating an organization answered ${response.status}`);
    }
    return response.body;
  }

  async issueKey(organizationId: string, scopes: string[]): Promise<IssuedKey> {
    const response = await this.http.request<IssuedKey>(
      'POST',
      `/v1/organizations/${organizationId}/api-keys`,
      {
        token: ADMIN_TOKEN,
        body: { name: scopes.join(' ') || 'no scope', scopes },
      },
    );
    if (response.status !== 201) {
      throw new Error(`issuing a key answered ${response.status}`);
    }
    return response.body;
  }

  async createWebhook(token: string, body: Record<string, unknown> = {}): Promise<WebhookBody> {
    const response = await this.http.request<WebhookBody | ErrorBody>('POST', '/v1/webhooks', {
      token,
      body: {
        name: 'CRM sync',
        url: 'https://hooks.example.com/hookline',
        events: ['job.created', 'estimate.*'],
        ...body,
      },
    });
    if (response.status !== 201) {
      throw new Error(`creating a webhook answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body as WebhookBody;
  }

  async patchWebhook(token: string, id: string, body: Record<string, unknown>): Promise<WebhookBody> {
    const response = await this.http.request<WebhookBody | ErrorBody>('PATCH', `/v1/webhooks/${id}`, {
      token,
      body,
    });
    if (response.status !== 200) {
      throw new Error(`PATCH answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body as WebhookBody;
  }
}
