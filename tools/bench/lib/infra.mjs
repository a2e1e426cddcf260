// Kafka and Postgres for a bench run, through tools/infra.
//
// Postgres: the shared local cluster (or DATABASE_URL), with a throwaway database per run.
// Kafka: by default a private single-node broker for this run (own ports, own data dir, deleted afterwards).
// The shared broker is the wrong place for a benchmark: audit-projection-service reads hookline.attempts.v1
// from offset 0 under a fresh consumer group in every e2e run, so the hundreds of thousands of attempts a bench
// run writes there would be re-projected by every later test run; and services running beside it would consume
// the bench's load (and the bench theirs). `--shared-kafka` or KAFKA_BROKERS opt out.
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KAFKA_VERSION, loadConfig } from '../../infra/config.mjs';
import { ensureInfra } from '../../infra/index.mjs';
import { withAdmin } from '../../infra/kafka-client.mjs';
import { ensureKafka, runningKafkaPid, stopKafka } from '../../infra/kafka.mjs';
import { createDatabase, dropDatabase, ensurePostgres, stopPostgres } from '../../infra/postgres.mjs';
import { isRunning, readPid, withLock } from '../../infra/process.mjs';
import { ensureTopics, loadTopics } from '../../infra/topics.mjs';
import { freePort } from './util.mjs';

export const RAW_TOPICS = { events: 'bench.raw.events.v1', attempts: 'bench.raw.attempts.v1' };
const BENCH_TOPICS = [
  { name: RAW_TOPICS.events, partitions: 6, replicationFactor: 1, config: {} },
  { name: RAW_TOPICS.attempts, partitions: 6, replicationFactor: 1, config: {} },
];

function benchRoot() {
  const cacheDir = process.env.HOOKLINE_CACHE_DIR || path.join(os.homedir(), '.cache', 'hookline');
  return path.join(cacheDir, 'bench');
}

/** Data dirs of earlier runs whose broker is gone (a killed run) are removed once they are an hour old. */
async function removeStaleBrokerDirs(log) {
  const root = benchRoot();
  const entries = await fsp.readdir(root).catch(() => []);
  for (const entry of entries) {
    const dir = path.join(root, entry);
    const pid = await readPid(path.join(dir, 'kafka', 'kafka.pid')).catch(() => null);
    const ageMs = Date.now() - ((await fsp.stat(dir).catch(() => null))?.mtimeMs ?? 0);
    if (ageMs < 3_600_000 && !pid) {
      continue;
    }
    if (pid && isRunning(pid)) {
      log(`Kafka: a bench broker of another run is still running (pid ${pid}, ${dir}); leaving it alone`);
      continue;
    }
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

async function startPrivateBroker(runId, log, timeoutMs, register) {
  await removeStaleBrokerDirs(log);
  const env = { ...process.env };
  delete env.KAFKA_BROKERS;
  const stateDir = path.join(benchRoot(), runId);
  const [port, controllerPort] = [await freePort(), await freePort()];
  const cfg = loadConfig({
    ...env,
    HOOKLINE_STATE_DIR: stateDir,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
  }).kafka;
  // The data dir is this run's alone: whatever runs from it (even a half-started broker) is ours to stop.
  register(async () => {
    await stopKafka(cfg, { log });
    await fsp.rm(stateDir, { recursive: true, force: true });
  });
  const kafka = await ensureKafka(cfg, { log, timeoutMs });
  return { ...kafka, cfg, stateDir };
}

/**
 * Each thing started is handed to `register(undoStep)` as soon as it exists, so an interrupted start-up is
 * torn down too (the caller runs the steps in reverse order).
 * @returns {Promise<{kafkaBrokers, adminDatabaseUrl, databaseUrl, databaseName, kafkaPid, kafkaVersion, mode}>}
 */
export async function bringUpInfra({ runId, sharedKafka, log, register }) {
  const infraLog = (line) => log(`infra: ${line}`);
  const cfg = loadConfig();
  let kafka;
  let adminDatabaseUrl;
  let mode;
  if (sharedKafka || process.env.KAFKA_BROKERS) {
    mode = process.env.KAFKA_BROKERS ? 'external' : 'shared';
    const infra = await ensureInfra({ log: infraLog });
    if (infra.started.kafka) {
      register(() => stopKafka(cfg.kafka, { log: infraLog }));
    }
    if (infra.started.postgres) {
      register(() => stopPostgres(cfg.postgres, { log: infraLog }));
    }
    kafka = { brokers: infra.kafkaBrokers, pid: mode === 'shared' ? await runningKafkaPid(cfg.kafka) : null };
    adminDatabaseUrl = infra.databaseUrl;
    register(() =>
      deleteTopics(
        kafka.brokers,
        BENCH_TOPICS.map((topic) => topic.name),
      ),
    );
  } else {
    mode = 'private';
    const postgres = await withLock(cfg.lockFile, { timeoutMs: cfg.timeoutMs * 3 }, () =>
      ensurePostgres(cfg.postgres, { log: infraLog, timeoutMs: cfg.timeoutMs }),
    );
    if (postgres.started) {
      register(() => stopPostgres(cfg.postgres, { log: infraLog }));
    }
    adminDatabaseUrl = postgres.databaseUrl;
    const broker = await startPrivateBroker(runId, infraLog, cfg.timeoutMs, register);
    kafka = { brokers: broker.brokers, pid: broker.pid };
  }
  await ensureTopics(kafka.brokers, { topics: [...(await loadTopics()), ...BENCH_TOPICS], log: infraLog });
  const databaseName = `hookline_bench_${runId}`;
  register(() => dropWithRetry(adminDatabaseUrl, databaseName));
  const databaseUrl = await createDatabase(adminDatabaseUrl, databaseName);
  return {
    kafkaBrokers: kafka.brokers,
    kafkaPid: kafka.pid ?? null,
    kafkaVersion: mode === 'external' ? 'external broker' : KAFKA_VERSION,
    adminDatabaseUrl,
    databaseUrl,
    databaseName,
    mode,
  };
}

// An autovacuum worker (a superuser backend) may hold the database just after heavy writes; DROP … WITH (FORCE)
// cannot terminate it as the hookline role, so try again until it has finished.
async function dropWithRetry(adminUrl, name, attempts = 30) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await dropDatabase(adminUrl, name);
    } catch (error) {
      if (attempt >= attempts) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

async function deleteTopics(brokers, topics) {
  await withAdmin(brokers, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const ours = topics.filter((topic) => existing.has(topic));
    if (ours.length > 0) {
      await admin.deleteTopics({ topics: ours, timeout: 10_000 });
    }
  });
}
