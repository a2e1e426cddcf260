// The raw baseline: the same libraries on the same broker with no platform logic. kafkajs consumes a batch,
// undici POSTs every message (its value as the body, its key as webhook-id) to the receiver URL its `target`
// header names (or to every URL), one attempt record
// per POST is produced (acks -1), then the offsets are committed. No validation, routing or signing.
// Consumer and client settings mirror delivery-service's (batch-synchronous, 6 partitions at once,
// 256 requests in flight, 64 connections per origin, 15 s timeout) so the gap to Hookline is its own logic.
import kafkajs from 'kafkajs';
import pg from 'pg';
import { Agent, request } from 'undici';
import { serveCommands } from './child.mjs';
import { Semaphore } from './util.mjs';

const { Kafka, logLevel } = kafkajs;

let pipeline = null;
let projector = null;

function kafkaClient(brokers, clientId) {
  return new Kafka({
    clientId,
    brokers: brokers.split(','),
    logLevel: logLevel.WARN,
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
  });
}

function consumerOf(kafka, groupId) {
  return kafka.consumer({
    groupId,
    maxWaitTimeInMs: 100,
    maxBytesPerPartition: 1_048_576,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    allowAutoTopicCreation: false,
  });
}

// Runs `handleBatch` on every non-empty batch and commits the batch's offsets once it resolved (at-least-once, as
// delivery-service does); resolves when the consumer has joined its group.
async function consumeBatches(consumer, { partitionsConsumedConcurrently, handleBatch }) {
  const joinedGroup = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, isRunning, isStale }) => {
      if (batch.messages.length === 0 || !isRunning() || isStale()) {
        return;
      }
      await handleBatch(batch);
      resolveOffset(batch.lastOffset());
      await commitOffsetsIfNecessary({
        topics: [
          {
            topic: batch.topic,
            partitions: [
              { partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() },
            ],
          },
        ],
      });
    },
  });
  await joinedGroup;
}

async function startPipeline({
  brokers,
  groupId,
  topic,
  attemptsTopic,
  targets,
  concurrency = 256,
  timeoutMs = 15_000,
}) {
  if (pipeline) {
    throw new Error('raw pipeline already running');
  }
  const kafka = kafkaClient(brokers, 'bench-raw-pipeline');
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 5,
    allowAutoTopicCreation: false,
  });
  const consumer = consumerOf(kafka, groupId);
  const agent = new Agent({
    connections: 64,
    pipelining: 1,
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 30_000,
  });
  const slots = new Semaphore(concurrency);
  const counters = { batches: 0, messages: 0, posts: 0, failures: 0 };

  const post = async (url, key, value) => {
    const startedAt = Date.now();
    let status = null;
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': key },
        body: value,
        dispatcher: agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.statusCode;
      await response.body.text();
    } catch {
      counters.failures += 1;
    }
    counters.posts += 1;
    const record = `{"id":"${key}","url":"${url}","status":${status},"startedAt":${startedAt},"durationMs":${
      Date.now() - startedAt
    },"payload":${value}}`;
    return { key, value: record };
  };

  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  await consumeBatches(consumer, {
    partitionsConsumedConcurrently: 6,
    handleBatch: async (batch) => {
      const work = [];
      for (const message of batch.messages) {
        const key = message.key.toString();
        const value = message.value.toString();
        // A `target` header picks one URL (one endpoint per message); without it, every URL (fan-out).
        const target = message.headers?.target;
        const urls = target === undefined ? targets : [targets[Number(target.toString())]];
        for (const url of urls) {
          work.push(slots.use(() => post(url, key, value)));
        }
      }
      const records = await Promise.all(work);
      await producer.send({ topic: attemptsTopic, acks: -1, messages: records });
      counters.batches += 1;
      counters.messages += batch.messages.length;
    },
  });
  pipeline = { consumer, producer, agent, counters };
  return { started: true };
}

async function stopPipeline() {
  if (!pipeline) {
    return { stopped: false };
  }
  const { consumer, producer, agent, counters } = pipeline;
  pipeline = null;
  await consumer.disconnect();
  await producer.disconnect();
  await agent.close();
  return counters;
}

// The raw projection: attempt records consumed in batches and written with one multi-row INSERT per batch,
// in a transaction, offsets committed after it: what any Kafka → Postgres sink on this stack costs.
async function startProjector({ brokers, groupId, topic, databaseUrl, table, fromBeginning = false }) {
  if (projector) {
    throw new Error('raw projector already running');
  }
  const kafka = kafkaClient(brokers, 'bench-raw-projector');
  const consumer = consumerOf(kafka, groupId);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const counters = { batches: 0, rows: 0 };
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning });
  await consumeBatches(consumer, {
    partitionsConsumedConcurrently: 1,
    handleBatch: async (batch) => {
      const ids = [];
      const bodies = [];
      for (const message of batch.messages) {
        ids.push(message.key.toString());
        bodies.push(message.value.toString());
      }
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO ${table} (id, body) SELECT * FROM unnest($1::text[], $2::jsonb[]) ON CONFLICT (id) DO NOTHING`,
          [ids, bodies],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      counters.batches += 1;
      counters.rows += ids.length;
    },
  });
  projector = { consumer, pool, counters };
  return { started: true };
}

async function stopProjector() {
  if (!projector) {
    return { stopped: false };
  }
  const { consumer, pool, counters } = projector;
  projector = null;
  await consumer.disconnect();
  await pool.end();
  return counters;
}

serveCommands({
  start: startPipeline,
  stop: stopPipeline,
  status: () => pipeline?.counters ?? null,
  startProjector,
  stopProjector,
});
