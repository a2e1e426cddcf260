/** Connection settings the Jest global setup exported for this run. */
export interface TestEnvironment {
  kafkaBrokers: string;
  /** The throwaway database of this test run. */
  databaseUrl: string;
  /** Unique per run: prefix consumer groups and ids with it. */
  runId: string;
}

export function testEnvironment(): TestEnvironment {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  const databaseUrl = process.env.DATABASE_URL;
  const runId = process.env.HOOKLINE_TEST_RUN_ID;
  if (!kafkaBrokers || !databaseUrl || !runId) {
    throw new Error('KAFKA_BROKERS, DATABASE_URL and HOOKLINE_TEST_RUN_ID are set by the Jest global setup');
  }
  return { kafkaBrokers, databaseUrl, runId };
}

/** Env that loosens production defaults for loopback receivers; tests opt in explicitly. */
export const LOOPBACK_EGRESS_ENV = {
  ALLOW_INSECURE_URLS: 'true',
  EGRESS_ALLOW_CIDRS: '127.0.0.0/8,::1/128',
} as const;
