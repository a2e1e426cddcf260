import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Topics, findEventType } from '@hookline/contracts';
import {
  LOOPBACK_EGRESS_ENV,
  ServiceContainer,
  ServiceProcess,
  runImageCommand,
  eventually,
  startNewGroupAtEnd,
  testEnvironment,
} from '@hookline/testing';
import { call } from './api-client';
import { freePort } from './free-port';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/** A service as a process of the compiled build, or (containers tier) a container of its image. */
export type Service = ServiceProcess | ServiceContainer;

/** `containers` when the containers tier runs (jest.containers.config.ts): the same tests, on the images. */
export const inContainers = process.env.HOOKLINE_E2E_RUNTIME === 'containers';

export function serviceOf(app: string, port: number, env: Record<string, string>): Service {
  return inContainers ? new ServiceContainer({ app, port, env }) : new ServiceProcess({ app, port, env });
}

export interface Platform {
  subscription: Service;
  ingest: Service;
  audit: Service;
  delivery: Service;
  adminToken: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** The four services as real processes on the run's Kafka and database, loopback egress allowed. */
export async function startPlatform(overrides: Record<string, string> = {}): Promise<Platform> {
  const test = testEnvironment();
  const adminToken = `adm_${randomBytes(18).toString('base64url')}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: test.kafkaBrokers,
    DATABASE_URL: test.databaseUrl,
    ADMIN_TOKEN: adminToken,
    SECRETS_ENCRYPTION_KEYS: `e2e:${randomBytes(32).toString('base64')}`,
    DELIVERY_CONSUMER_GROUP: `hookline-delivery-${test.runId}`,
    DELIVERY_START_FROM: 'latest',
    AUDIT_CONSUMER_GROUP: `hookline-audit-${test.runId}`,
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    ...LOOPBACK_EGRESS_ENV,
    ...overrides,
  };
  // The attempts topic carries what every earlier tier of the run left (tens of thousands after e2e and
  // fuzz): the run's audit group starts past them, or a tier's first test waits on projecting them all.
  await startNewGroupAtEnd(env.KAFKA_BROKERS, env.AUDIT_CONSUMER_GROUP, Topics.attempts);
  for (const app of ['subscription-service', 'event-ingest-service', 'audit-projection-service']) {
    if (inContainers) {
      await runImageCommand(app, 'migrate', { DATABASE_URL: env.DATABASE_URL });
      continue;
    }
    await run(
      process.execPath,
      ['-r', './tools/runtime/register.js', `dist/out-tsc/apps/${app}/src/migrate.js`],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
      },
    );
  }
  const [subscriptionPort, ingestPort, auditPort, deliveryPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  // The portal is served by subscription-service and reads the audit API from the browser.
  env.PORTAL_SESSION_SECRET ??= randomBytes(32).toString('base64url');
  env.PORTAL_PUBLIC_URL ??= `http://127.0.0.1:${subscriptionPort}/portal/`;
  env.PORTAL_AUDIT_URL ??= `http://127.0.0.1:${auditPort}`;
  env.PORTAL_ORIGINS ??= `http://127.0.0.1:${subscriptionPort}`;
  // `hookline listen` relays through subscription-service: its temporary webhooks point back at it.
  env.RELAY_PUBLIC_URL ??= `http://127.0.0.1:${subscriptionPort}`;
  const platform: Platform = {
    subscription: serviceOf('subscription-service', subscriptionPort, env),
    ingest: serviceOf('event-ingest-service', ingestPort, env),
    audit: serviceOf('audit-projection-service', auditPort, env),
    delivery: serviceOf('delivery-service', deliveryPort, env),
    adminToken,
    env,
    async stop() {
      await Promise.all([
        this.subscription.stop(),
        this.ingest.stop(),
        this.audit.stop(),
        this.delivery.stop(),
      ]);
    },
  };
  await Promise.all([
    platform.subscription.start(),
    platform.ingest.start(),
    platform.audit.start(),
    platform.delivery.start(),
  ]);
  return platform;
}

export interface Organization {
  id: string;
  apiKey: { key: string };
}

/** Creates an organization with the admin token, as an operator would; its first API key has every scope. */
export async function createOrganization(platform: Platform, name: string): Promise<Organization> {
  const response = await call<Organization>('POST', `${platform.subscription.baseUrl}/v1/organizations`, {
    token: platform.adminToken,
    body: { name },
  });
  if (response.status !== 201) {
    throw new Error(
      `creating organization "${name}" answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body;
}

/** Publishes one event of the catalog's example data through ingest; answers its id once accepted (202). */
export async function publishEvent(
  platform: Platform,
  token: string,
  subject: string,
  type = 'job.created',
): Promise<string> {
  const response = await call<{ id: string }>('POST', `${platform.ingest.baseUrl}/v1/events`, {
    token,
    body: { type, subject, data: findEventType(type)?.example },
  });
  expect(response.status).toBe(202);
  return response.body.id;
}

/**
 * A new webhook reaches delivery-service through Kafka, so the first events may find it unknown:
 * publishes warm-up events until one arrives (`arrived` asserts it), then the test can start.
 */
export async function untilRouted(
  publish: () => Promise<string>,
  arrived: (eventId: string) => void,
  { perTryMs = 3_000, timeoutMs = 60_000 }: { perTryMs?: number; timeoutMs?: number } = {},
): Promise<void> {
  await eventually(
    async () => {
      const id = await publish();
      await eventually(() => arrived(id), { timeoutMs: perTryMs });
    },
    { timeoutMs, intervalMs: 0 },
  );
}

export interface CreatedWebhook {
  id: string;
  signingSecret: string;
}

/** Creates a webhook in the organization of `token`; the test stops here unless it was created (201). */
export async function createWebhook(
  platform: Platform,
  token: string,
  body: Record<string, unknown>,
): Promise<CreatedWebhook> {
  const response = await call<CreatedWebhook>('POST', `${platform.subscription.baseUrl}/v1/webhooks`, {
    token,
    body,
  });
  expect(response.status).toBe(201);
  return response.body;
}

/** Rotates a webhook's signing secret, the old one signing too for `gracePeriodSeconds`; answers the new one. */
export async function rotateSigningSecret(
  platform: Platform,
  token: string,
  webhookId: string,
  gracePeriodSeconds: number,
): Promise<string> {
  const response = await call<{ key: string }>(
    'POST',
    `${platform.subscription.baseUrl}/v1/webhooks/${webhookId}/secret/rotate`,
    { token, body: { gracePeriodSeconds } },
  );
  expect(response.status).toBe(200);
  return response.body.key;
}
