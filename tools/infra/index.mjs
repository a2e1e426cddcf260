import { loadConfig } from './config.mjs';
import { ensureKafka, kafkaStatus, stopKafka } from './kafka.mjs';
import { ensurePostgres, postgresStatus, stopPostgres } from './postgres.mjs';
import { InfraError, withLock } from './process.mjs';
import { ensureTopics } from './topics.mjs';

export { createDatabase, dropDatabase } from './postgres.mjs';
export { ensureTopics, loadTopics } from './topics.mjs';
export { InfraError } from './process.mjs';

const defaultLog = (message) => console.error(`[infra] ${message}`);

// The lock holder enforces its own start-up deadlines, so waiting longer than one is safe.
const lockOptions = (cfg, log) => ({
  timeoutMs: cfg.timeoutMs * 3,
  onWait: (pid) => log(`waiting for another infra command (pid ${pid ?? 'unknown'}) to finish`),
});

/** Like Promise.all, but waits for every task and reports all failures together. */
async function allOrExplain(tasks) {
  const results = await Promise.allSettled(tasks);
  const failures = results.filter((result) => result.status === 'rejected');
  if (failures.length === 1) {
    throw failures[0].reason;
  }
  if (failures.length > 1) {
    throw new InfraError(failures.map((failure) => failure.reason.message).join('\n\n'));
  }
  return results.map((result) => result.value);
}

async function ensureKafkaWithTopics(cfg, options) {
  const kafka = await ensureKafka(cfg.kafka, options);
  const topics = await ensureTopics(kafka.brokers, { log: options.log }).catch((error) => {
    throw new InfraError(`Creating topics on ${kafka.brokers} failed: ${error.message}`, {
      cause: error,
    });
  });
  if (topics.created.length > 0) {
    options.log(`Kafka: created ${topics.created.length} topic(s): ${topics.created.join(', ')}`);
  }
  return kafka;
}

const COMPONENTS = ['kafka', 'postgres'];

function selected(only) {
  if (only === undefined || only === null) {
    return new Set(COMPONENTS);
  }
  if (!COMPONENTS.includes(only)) {
    throw new InfraError(`Unknown component "${only}": expected one of ${COMPONENTS.join(', ')}`);
  }
  return new Set([only]);
}

/**
 * Starts (or finds) Kafka and Postgres and creates the topics; `only` limits it to one of them.
 * @returns {Promise<{kafkaBrokers?: string, databaseUrl?: string, started: {kafka?: boolean, postgres?: boolean}}>}
 */
export async function ensureInfra({ log = defaultLog, only } = {}) {
  const cfg = loadConfig();
  const options = { log, timeoutMs: cfg.timeoutMs };
  const wanted = selected(only);
  return withLock(cfg.lockFile, lockOptions(cfg, log), async () => {
    const [kafka, postgres] = await allOrExplain([
      wanted.has('kafka') ? ensureKafkaWithTopics(cfg, options) : null,
      wanted.has('postgres') ? ensurePostgres(cfg.postgres, options) : null,
    ]);
    return {
      kafkaBrokers: kafka?.brokers,
      databaseUrl: postgres?.databaseUrl,
      started: { kafka: kafka?.started, postgres: postgres?.started },
    };
  });
}

export async function infraStatus() {
  const cfg = loadConfig();
  const [kafka, postgres] = await Promise.all([kafkaStatus(cfg.kafka), postgresStatus(cfg.postgres)]);
  return { stateDir: cfg.stateDir, kafka, postgres };
}

/**
 * Stops only what tools/infra started (pidfile / own cluster dir); external services are untouched.
 * `only` limits it to one component, e.g. to restart the broker while Postgres keeps running.
 */
export async function stopInfra({ log = defaultLog, only } = {}) {
  const cfg = loadConfig();
  const wanted = selected(only);
  return withLock(cfg.lockFile, lockOptions(cfg, log), async () => {
    const [kafka, postgres] = await allOrExplain([
      wanted.has('kafka') ? stopKafka(cfg.kafka, { log }) : false,
      wanted.has('postgres') ? stopPostgres(cfg.postgres, { log }) : false,
    ]);
    return { stopped: { kafka, postgres } };
  });
}
