import type { INestApplication } from '@nestjs/common';
import { Topics, type ApiScope, type WebhookState } from '@hookline/contracts';
import { startNewGroupAtEnd, testEnvironment, type TestEnvironment } from '@hookline/testing';
import { AuditKafka } from './audit-kafka';
import { startAuditApp, type AuditTestApp } from './audit-test-app';
import { getJson, postJson, type JsonResponse } from './http';

/** Who an API key of a spec belongs to, and what it may do. */
export interface ApiKeySpec {
  organizationId: string;
  scopes: ApiScope[];
}

/**
 * One integration spec's Kafka client and in-process service. Named after the spec, so its
 * organizations, API keys and consumer group are its own within the run.
 */
export class AuditHarness {
  readonly env: TestEnvironment = testEnvironment();
  readonly kafka: AuditKafka;
  private started: AuditTestApp | undefined;

  constructor(private readonly name: string) {
    this.kafka = new AuditKafka(this.env.kafkaBrokers);
  }

  /** `org_<run>_<spec>`, or `org_<run>_<spec>_<suffix>` for another organization of the spec. */
  organizationId(suffix?: string): string {
    return [`org_${this.env.runId}_${this.name}`, suffix].filter(Boolean).join('_');
  }

  /** The spec's consumer group of the service. */
  get groupId(): string {
    return `${this.env.runId}-audit-${this.name}`;
  }

  /**
   * Connects the spec's producer, and starts its consumer group past the attempts earlier specs and
   * runs left on the broker: the service reads what the spec publishes from now on, before or after
   * `start()`.
   */
  async connect(): Promise<void> {
    await this.kafka.connect();
    await startNewGroupAtEnd(this.env.kafkaBrokers, this.groupId, Topics.attempts);
  }

  /** Publishes one API key per entry; answers each one's secret under the same name. */
  async createApiKeys<Name extends string>(specs: Record<Name, ApiKeySpec>): Promise<Record<Name, string>> {
    const secrets = {} as Record<Name, string>;
    for (const [name, { organizationId, scopes }] of Object.entries<ApiKeySpec>(specs)) {
      const id = `key_${this.env.runId}_${this.name}_${name}`;
      secrets[name as Name] = await this.kafka.createApiKey(organizationId, scopes, id);
    }
    return secrets;
  }

  /**
   * Connects (see connect), then publishes the spec's API keys and webhook states; answers each key's
   * secret under its name.
   */
  async connectWith<Name extends string>(
    keys: Record<Name, ApiKeySpec>,
    webhooks: readonly WebhookState[],
  ): Promise<Record<Name, string>> {
    await this.connect();
    const secrets = await this.createApiKeys(keys);
    for (const webhook of webhooks) {
      await this.kafka.sendWebhookState(webhook);
    }
    return secrets;
  }

  /** Starts the service under the spec's consumer group; it reads attempts from where connect() put the group. */
  async start(): Promise<void> {
    this.started = await startAuditApp(this.env, this.groupId);
  }

  get app(): INestApplication {
    return this.running.app;
  }

  get baseUrl(): string {
    return this.running.baseUrl;
  }

  private get running(): AuditTestApp {
    if (this.started === undefined) {
      throw new Error('the audit service is not started: call start() in beforeAll');
    }
    return this.started;
  }

  getJson<T = Record<string, unknown>>(path: string, apiKey: string | null): Promise<JsonResponse<T>> {
    return getJson<T>(this.baseUrl, path, apiKey);
  }

  postJson<T = Record<string, unknown>>(
    path: string,
    apiKey: string | null,
    body?: unknown,
  ): Promise<JsonResponse<T>> {
    return postJson<T>(this.baseUrl, path, apiKey, body);
  }

  async close(): Promise<void> {
    await this.started?.close();
    await this.kafka.disconnect();
  }
}

/** A harness for the enclosing `describe`, closed once all of its tests ran. */
export function useAuditHarness(name: string): AuditHarness {
  const harness = new AuditHarness(name);
  afterAll(() => harness.close());
  return harness;
}
