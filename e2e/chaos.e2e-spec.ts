import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { Topics, domainTopic, findEventType } from '@hookline/contracts';
import { TestReceiver, eventually, type ReceivedRequest } from '@hookline/testing';
import { call } from './support/api-client';
import {
  createOrganization,
  startPlatform,
  type Organization,
  type Platform,
  type Service,
} from './support/platform';
import { PrivateKafka, PrivatePostgres } from './support/private-infra';

/**
 * The chaos run: events flow to webhooks of four kinds (healthy, failing every first request, slow,
 * ordered) while a driver SIGKILLs each service several times at random moments and restarts the
 * broker and Postgres. Then it checks that nothing accepted was lost, counts duplicates, checks
 * order, the log against what the receivers saw, the statistics against the log, and that every
 * consumer group caught up. `npm run chaos` runs it at full size and writes the report; the e2e tier
 * runs it small.
 */
const SCALE = {
  events: Number(process.env.CHAOS_EVENTS ?? 300),
  webhooks: Number(process.env.CHAOS_WEBHOOKS ?? 10),
  killsPerService: Number(process.env.CHAOS_KILLS ?? 1),
  brokerRestarts: Number(process.env.CHAOS_BROKER_RESTARTS ?? 1),
  postgresRestarts: Number(process.env.CHAOS_POSTGRES_RESTARTS ?? 1),
  seed: Number(process.env.CHAOS_SEED ?? 7),
  /** Concurrent publishers, each owning whole subjects (so order per subject is known). */
  publishers: Number(process.env.CHAOS_PUBLISHERS ?? 8),
};
const WEBHOOKS_PER_ORGANIZATION = 10;
const SUBJECTS_PER_ORGANIZATION = 20;
const OUTAGE_MS = 2_000;
/** Time budgets grow with the run: the full size needs far longer than the e2e tier's. */
const DRAIN_TIMEOUT_MS = Math.max(900_000, SCALE.events * 60);
const RUN_TIMEOUT_MS = Math.max(1_800_000, SCALE.events * 120);
const KINDS = ['healthy', 'failing', 'slow', 'ordered', 'healthy'] as const;
type Kind = (typeof KINDS)[number];

interface ChaosWebhook {
  id: string;
  kind: Kind;
  organization: Organization;
}

interface Accepted {
  id: string;
  organizationId: string;
  subject: string;
  /** Position among the events of its subject, in acceptance order. */
  sequence: number;
}

/** A small deterministic generator, so a run can be repeated with its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

describe('chaos: crashes and restarts of every part lose no accepted event', () => {
  const next = random(SCALE.seed);
  let kafka: PrivateKafka;
  let postgres: PrivatePostgres;
  let platform: Platform;
  let receiver: TestReceiver;
  const webhooks: ChaosWebhook[] = [];
  const organizations: Organization[] = [];
  const accepted: Accepted[] = [];
  const actions: string[] = [];
  const seenByDelivery = new Map<string, number>();
  /** The status the receiver answered to each of its requests, by index. */
  const replies: number[] = [];
  let ingestRetries = 0;

  const idOf = (request: ReceivedRequest) => String(request.headers['webhook-id']);
  const webhookOf = (request: ReceivedRequest) => request.path.split('/')[2];
  const keyOf = (request: ReceivedRequest) => `${webhookOf(request)}|${idOf(request)}`;

  beforeAll(async () => {
    [kafka, postgres] = await Promise.all([PrivateKafka.start(), PrivatePostgres.start()]);
    receiver = await TestReceiver.start((request, index) => {
      const key = keyOf(request);
      const count = (seenByDelivery.get(key) ?? 0) + 1;
      seenByDelivery.set(key, count);
      const kind = request.path.split('/')[1] as Kind;
      const status = kind === 'failing' && count === 1 ? 503 : 200;
      replies[index] = status;
      return { status, body: status === 200 ? 'ok' : 'not yet', delayMs: kind === 'slow' ? 300 : 0 };
    });
    platform = await startPlatform({
      KAFKA_BROKERS: kafka.brokers,
      DATABASE_URL: postgres.databaseUrl,
      DELIVERY_START_FROM: 'earliest',
      DELIVERY_SESSION_TIMEOUT_MS: '8000',
      // A start whose outcome a kill cut off is logged once its partition moves this far past it.
      AUDIT_ATTEMPT_OUTCOME_GRACE_SECONDS: '30',
      // Every first request of the failing webhooks fails on purpose: retries, not the breaker, are under test.
      DELIVERY_BREAKER_MIN_REQUESTS: '100000',
    });
    const organizationCount = Math.ceil(SCALE.webhooks / WEBHOOKS_PER_ORGANIZATION);
    for (let index = 0; index < organizationCount; index += 1) {
      organizations.push(await createOrganization(platform, `Chaos ${index}`));
    }
    for (let index = 0; index < SCALE.webhooks; index += 1) {
      const organization = organizations[index % organizationCount];
      const kind = KINDS[index % KINDS.length];
      const created = await call<{ id: string }>('POST', `${platform.subscription.baseUrl}/v1/webhooks`, {
        token: organization.apiKey.key,
        body: {
          name: `${kind} ${index}`,
          url: `${receiver.url}/${kind}/pending`,
          events: ['job.*'],
          ordered: kind === 'ordered',
        },
      });
      expect(created.status).toBe(201);
      // The receiver tells webhooks apart by path: point each at its own, then switch it on.
      const patched = await call('PATCH', `${platform.subscription.baseUrl}/v1/webhooks/${created.body.id}`, {
        token: organization.apiKey.key,
        body: { url: `${receiver.url}/${kind}/${created.body.id}`, active: true },
      });
      expect(patched.status).toBe(200);
      webhooks.push({ id: created.body.id, kind, organization });
    }
    // Every webhook is routed once its activation test arrived.
    await eventually(
      () => {
        const tested = new Set(
          receiver.requests.filter((request) => webhookOf(request) !== 'pending').map(webhookOf),
        );
        expect(webhooks.filter((webhook) => !tested.has(webhook.id))).toEqual([]);
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
    await receiver?.stop();
    await kafka?.destroy();
    await postgres?.destroy();
  });

  /** Publishes through ingest, retrying (same idempotency key, so the same event) until it is accepted. */
  async function publish(organization: Organization, subject: string, number: number): Promise<string> {
    for (;;) {
      try {
        const response = await call<{ id: string }>('POST', `${platform.ingest.baseUrl}/v1/events`, {
          token: organization.apiKey.key,
          body: {
            type: 'job.created',
            subject,
            idempotencyKey: `chaos-${number}`,
            data: findEventType('job.created')?.example,
          },
        });
        if (response.status === 202) {
          return response.body.id;
        }
        if (response.status < 500 && response.status !== 429 && response.status !== 401) {
          throw new Error(
            `ingest refused event ${number}: ${response.status} ${JSON.stringify(response.body)}`,
          );
        }
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('ingest refused')) {
          throw error;
        }
      }
      ingestRetries += 1;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Each publisher owns whole subjects, so a subject's events are accepted one after another, in order. */
  async function publishAll(): Promise<void> {
    const sequences = new Map<string, number>();
    await Promise.all(
      Array.from({ length: SCALE.publishers }, async (_, publisher) => {
        for (let number = publisher; number < SCALE.events; number += SCALE.publishers) {
          const organization = organizations[number % organizations.length];
          const subject = `job_${publisher}_${Math.floor(number / SCALE.publishers) % SUBJECTS_PER_ORGANIZATION}`;
          const id = await publish(organization, subject, number);
          const key = `${organization.id}|${subject}`;
          const sequence = sequences.get(key) ?? 0;
          sequences.set(key, sequence + 1);
          accepted.push({ id, organizationId: organization.id, subject, sequence });
        }
      }),
    );
  }

  async function crash(service: Service): Promise<void> {
    actions.push(`SIGKILL ${service.app}`);
    await service.kill();
    await service.start({ waitForReady: false });
  }

  /**
   * What an orchestrator does: a service that exited (it may fail to start while the broker or
   * Postgres is away) is started again, until it is ready.
   */
  async function superviseUntilReady(service: Service): Promise<void> {
    for (let round = 0; ; round += 1) {
      try {
        await service.waitForReady(15_000);
        return;
      } catch (error) {
        if (round >= 20) {
          throw error;
        }
        if (error instanceof Error && error.message.includes('exited')) {
          actions.push(`restart exited ${service.app}`);
          await service.start({ waitForReady: false });
        }
      }
    }
  }

  async function outage(name: string, part: PrivateKafka | PrivatePostgres): Promise<void> {
    actions.push(`restart ${name}`);
    await part.down();
    // The outage itself: how long the part stays away is the scenario, not a wait for something.
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await part.up();
  }

  /** The chaos schedule, in a random order, one action after another at random moments while events flow. */
  async function drive(publishing: Promise<void>): Promise<void> {
    const services = [platform.subscription, platform.ingest, platform.audit, platform.delivery];
    const schedule: Array<() => Promise<void>> = [
      ...services.flatMap((service) =>
        Array.from({ length: SCALE.killsPerService }, () => () => crash(service)),
      ),
      ...Array.from({ length: SCALE.brokerRestarts }, () => () => outage('Kafka', kafka)),
      ...Array.from({ length: SCALE.postgresRestarts }, () => () => outage('Postgres', postgres)),
    ];
    for (let index = schedule.length - 1; index > 0; index -= 1) {
      const other = Math.floor(next() * (index + 1));
      [schedule[index], schedule[other]] = [schedule[other], schedule[index]];
    }
    let finished = false;
    void publishing.then(() => (finished = true));
    for (const action of schedule) {
      // Spread over the publishing phase: wait until a random share more of the events is accepted.
      const target = Math.min(
        SCALE.events,
        accepted.length + Math.ceil((next() * SCALE.events) / schedule.length),
      );
      await eventually(() => expect(finished || accepted.length >= target).toBe(true), {
        timeoutMs: 600_000,
        intervalMs: 50,
      });
      await action();
    }
    await Promise.all(services.map((service) => superviseUntilReady(service)));
  }

  it(
    'delivers every accepted event to every webhook, logs what was sent, and catches up',
    async () => {
      const startedAt = Date.now();
      const publishing = publishAll();
      await drive(publishing);
      await publishing;
      const publishedAt = Date.now();

      const webhooksOf = new Map<string, ChaosWebhook[]>();
      for (const webhook of webhooks) {
        webhooksOf.set(webhook.organization.id, [
          ...(webhooksOf.get(webhook.organization.id) ?? []),
          webhook,
        ]);
      }
      const expected = accepted.flatMap((event) =>
        (webhooksOf.get(event.organizationId) ?? []).map((webhook) => ({ event, webhook })),
      );
      const delivered = () => {
        const ok = new Map<string, number>();
        for (const [index, request] of receiver.requests.entries()) {
          if (replies[index] !== 200) {
            continue;
          }
          ok.set(keyOf(request), (ok.get(keyOf(request)) ?? 0) + 1);
        }
        return ok;
      };
      const missing = () => {
        const ok = delivered();
        return expected.filter(({ event, webhook }) => !ok.has(`${webhook.id}|${event.id}`));
      };
      await eventually(() => expect(missing().length).toBe(0), {
        timeoutMs: DRAIN_TIMEOUT_MS,
        intervalMs: 5_000,
      });
      const drainedAt = Date.now();

      // Duplicates: 2xx arrivals beyond the first of a (webhook, event), all with the same webhook-id.
      const ok = delivered();
      const duplicates = [...ok.values()].reduce((sum, count) => sum + count - 1, 0);

      // Order: an ordered webhook's first successful arrivals of a subject follow acceptance order.
      const outOfOrder: string[] = [];
      for (const webhook of webhooks.filter((candidate) => candidate.kind === 'ordered')) {
        const firstArrivals: string[] = [];
        const arrived = new Set<string>();
        for (const [index, request] of receiver.requests.entries()) {
          if (webhookOf(request) !== webhook.id || replies[index] !== 200 || arrived.has(idOf(request))) {
            continue;
          }
          arrived.add(idOf(request));
          firstArrivals.push(idOf(request));
        }
        const bySubject = new Map<string, Accepted[]>();
        for (const event of accepted.filter(
          (candidate) => candidate.organizationId === webhook.organization.id,
        )) {
          bySubject.set(event.subject, [...(bySubject.get(event.subject) ?? []), event]);
        }
        const position = new Map(firstArrivals.map((id, index) => [id, index]));
        for (const [subject, events] of bySubject) {
          const arrivals = [...events].sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
          if (arrivals.some((event, index) => event.sequence !== index)) {
            outOfOrder.push(`${webhook.id}/${subject}`);
          }
        }
      }

      // The log against the receivers, and the statistics against the log.
      const database = new Client({ connectionString: postgres.databaseUrl });
      await database.connect();
      const webhookIds = webhooks.map((webhook) => webhook.id);
      const inLog = await eventually(
        async () => {
          const rows = await database.query<{ webhook_id: string; event_id: string }>(
            `SELECT DISTINCT d.webhook_id, d.event_id FROM audit.delivery d
           WHERE d.webhook_id = ANY($1) AND d.event_type = 'job.created' AND d.attempt_count > 0`,
            [webhookIds],
          );
          expect(rows.rows.length).toBe(expected.length);
          return rows.rows.length;
        },
        { timeoutMs: 300_000, intervalMs: 1_000 },
      );
      // Every request carries its attempt's id; the log's primary key is that id, so "in the log" is
      // "in the log once". Requests cut by a kill are logged as interrupted by the sweep.
      const seenIds = new Set(
        receiver.requests.map((request) => String(request.headers['hookline-attempt-id'])),
      );
      const attempts = await eventually(
        async () => {
          const rows = (
            await database.query<{ id: string; response_status: number | null }>(
              `SELECT id, response_status FROM audit.attempt WHERE webhook_id = ANY($1)`,
              [webhookIds],
            )
          ).rows;
          const loggedIds = new Set(rows.map((row) => row.id));
          const [{ pending }] = (
            await database.query<{ pending: number }>(
              `SELECT count(*)::int AS pending FROM audit.attempt_start WHERE webhook_id = ANY($1)`,
              [webhookIds],
            )
          ).rows;
          expect({ pending, unlogged: [...seenIds].filter((id) => !loggedIds.has(id)).length }).toEqual({
            pending: 0,
            unlogged: 0,
          });
          return rows;
        },
        { timeoutMs: 300_000, intervalMs: 2_000 },
      );
      const loggedIds = new Set(attempts.map((row) => row.id));
      const unlogged = [...seenIds].filter((id) => !loggedIds.has(id)).length;
      // An answered attempt the receiver did not see would be an invented record.
      const answeredNotSeen = attempts.filter(
        (row) => row.response_status !== null && !seenIds.has(row.id),
      ).length;
      const [stats] = (
        await database.query<{ rolled: number; counted: number }>(
          `SELECT (SELECT coalesce(sum(attempts), 0)::int FROM audit.stats_hourly WHERE webhook_id = ANY($1)) AS rolled,
                (SELECT count(*)::int FROM audit.attempt WHERE webhook_id = ANY($1)) AS counted`,
          [webhookIds],
        )
      ).rows;
      const outcomes = Object.fromEntries(
        (
          await database.query<{ outcome: string; count: number }>(
            `SELECT outcome, count(*)::int AS count FROM audit.attempt WHERE webhook_id = ANY($1) GROUP BY outcome`,
            [webhookIds],
          )
        ).rows.map((row) => [row.outcome, row.count]),
      );
      await database.end();

      // Every consumer group of the platform has caught up with its topics.
      const client = new Kafka({
        brokers: [kafka.brokers],
        clientId: 'chaos-check',
        logLevel: logLevel.NOTHING,
      });
      const admin = client.admin();
      await admin.connect();
      const lagOf = async (groupId: string, topic: string) => {
        const [ends, committed] = await Promise.all([
          admin.fetchTopicOffsets(topic),
          admin.fetchOffsets({ groupId, topics: [topic] }),
        ]);
        const committedOf = new Map(
          committed[0].partitions.map((entry) => [entry.partition, Number(entry.offset)]),
        );
        return ends.reduce(
          (sum, end) =>
            sum + Math.max(0, Number(end.high) - Math.max(0, committedOf.get(end.partition) ?? 0)),
          0,
        );
      };
      const lag = await eventually(
        async () => {
          const measured = {
            delivery: await lagOf(platform.env.DELIVERY_CONSUMER_GROUP, domainTopic('job')),
            audit: await lagOf(platform.env.AUDIT_CONSUMER_GROUP, Topics.attempts),
          };
          expect(measured).toEqual({ delivery: 0, audit: 0 });
          return measured;
        },
        { timeoutMs: 120_000, intervalMs: 1_000 },
      );
      await admin.disconnect();

      const report = {
        scale: SCALE,
        actions,
        accepted: accepted.length,
        expectedDeliveries: expected.length,
        lost: missing().length,
        duplicateDeliveries: duplicates,
        duplicateShare: duplicates / expected.length,
        outOfOrderSubjects: outOfOrder.length,
        deliveriesInLog: inLog,
        requestsSeen: receiver.requests.length,
        distinctAttemptIdsSeen: seenIds.size,
        attemptsLogged: attempts.length,
        attemptsSeenButNotLogged: unlogged,
        answeredAttemptsLoggedButNotSeen: answeredNotSeen,
        attemptOutcomes: outcomes,
        statsAttempts: stats.rolled,
        logAttempts: stats.counted,
        consumerLag: lag,
        ingestRetries,
        seconds: { publishing: (publishedAt - startedAt) / 1000, draining: (drainedAt - publishedAt) / 1000 },
      };
      const reportDir = path.resolve(__dirname, '../bench-results');
      mkdirSync(reportDir, { recursive: true });
      writeFileSync(path.join(reportDir, `chaos-${Date.now()}.json`), `${JSON.stringify(report, null, 2)}\n`);
      process.stderr.write(`[chaos] ${JSON.stringify(report)}\n`);

      expect(report.accepted).toBe(SCALE.events);
      expect(report.lost).toBe(0);
      expect(outOfOrder).toEqual([]);
      expect(stats.rolled).toBe(stats.counted);
      // The log against the receivers: every request seen is logged (once: by its id), and every
      // logged answer is one a receiver gave.
      expect(seenIds.size).toBe(receiver.requests.length);
      expect(unlogged).toBe(0);
      expect(answeredNotSeen).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );
});
