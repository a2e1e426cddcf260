// Brings up (or reuses) Kafka and Postgres, then gives this test run a database of its own.
import { randomBytes } from 'node:crypto';
import { createDatabase, ensureInfra } from '../infra/index.mjs';

export default async function globalSetup() {
  const log = (line) => process.stderr.write(`[infra] ${line}\n`);
  const infra = await ensureInfra({ log });
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const database = `hookline_test_${runId}`;
  const databaseUrl = await createDatabase(infra.databaseUrl, database);
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.DATABASE_URL = databaseUrl;
  process.env.HOOKLINE_TEST_RUN_ID = runId;
  process.env.HOOKLINE_TEST_ADMIN_DATABASE_URL = infra.databaseUrl;
  process.env.HOOKLINE_TEST_DATABASE = database;
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
}
