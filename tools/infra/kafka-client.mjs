import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

export const parseBrokers = (brokers) =>
  brokers
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);

/** Runs `fn(admin)` with a short-lived, silent admin client. */
export async function withAdmin(brokers, fn, { timeoutMs = 5000, retries = 5 } = {}) {
  const kafka = new Kafka({
    clientId: 'hookline-infra',
    brokers: parseBrokers(brokers),
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 3000),
    requestTimeout: timeoutMs,
    retry: { retries },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** Resolves to the cluster description, or throws if no broker answers. */
export function describeCluster(brokers, timeoutMs = 2000) {
  return withAdmin(brokers, (admin) => admin.describeCluster(), { timeoutMs, retries: 0 });
}

export async function isKafkaReachable(brokers, timeoutMs = 2000) {
  try {
    const cluster = await describeCluster(brokers, timeoutMs);
    return cluster.brokers.length > 0;
  } catch {
    return false;
  }
}
