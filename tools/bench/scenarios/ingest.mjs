// ingest: HTTP ingest throughput, closed loop over keep-alive connections: single events (POST /v1/events)
// and batches (POST /v1/events/batch). Raw: the same producer settings sending straight to Kafka.
// The events belong to an organization without webhooks: delivery reads and drops them.
import { RAW_TOPICS } from '../lib/infra.mjs';
import { closedLoop } from '../lib/load.mjs';
import { perSecond } from '../lib/measure.mjs';
import { summarize } from '../lib/stats.mjs';
import { newId, nowMs, sleep } from '../lib/util.mjs';

async function measure(ctx, { label, workers, eventsPerSend, send }) {
  const { durationS } = ctx.settings.ingest;
  const latencies = [];
  let accepted = 0;
  let refused = 0;
  ctx.sampler.begin(label);
  const loop = await closedLoop({
    workers,
    durationMs: durationS * 1000,
    send: async (seq) => {
      const startedAt = nowMs();
      const ok = await send(seq);
      if (ok) {
        accepted += eventsPerSend;
        latencies.push(nowMs() - startedAt);
      } else {
        refused += eventsPerSend;
      }
    },
  });
  const resources = ctx.sampler.end(label);
  return {
    connections: workers,
    eventsPerRequest: eventsPerSend,
    durationS,
    requests: loop.sends,
    accepted,
    refused,
    errors: loop.errors,
    eventsPerSecond: perSecond(accepted, loop.elapsedMs),
    requestLatencyMs: summarize(latencies),
    resources,
  };
}

export async function runIngest(ctx) {
  const settings = ctx.settings.ingest;
  const { api, platform, kafka } = ctx;
  const org = await api.createOrganization('bench ingest');
  const batchOf = (seq) =>
    Array.from({ length: settings.batchSize }, (_, index) =>
      platform.event(org, seq * settings.batchSize + index),
    );

  ctx.log(`ingest: single events, ${settings.connections} connections, ${settings.durationS}s`);
  const single = await measure(ctx, {
    label: 'ingest.single.hookline',
    workers: settings.connections,
    eventsPerSend: 1,
    send: async (seq) => (await api.ingestOne(platform.event(org, seq))).status === 202,
  });
  ctx.log(`ingest: single ${single.eventsPerSecond} events/s, p99 ${single.requestLatencyMs.p99} ms`);
  await sleep(1_000);
  ctx.log(`ingest: batches of ${settings.batchSize}, ${settings.batchConnections} connections`);
  const batch = await measure(ctx, {
    label: 'ingest.batch.hookline',
    workers: settings.batchConnections,
    eventsPerSend: settings.batchSize,
    send: async (seq) => (await api.ingestBatch(batchOf(seq))).status === 202,
  });
  ctx.log(`ingest: batch ${batch.eventsPerSecond} events/s, p99 ${batch.requestLatencyMs.p99} ms`);
  const result = { hookline: { single, batch }, raw: null };

  if (ctx.raw) {
    await sleep(1_000);
    const message = () => {
      const id = newId('evt');
      return { key: id, value: platform.rawBody(id) };
    };
    const rawSingle = await measure(ctx, {
      label: 'ingest.single.raw',
      workers: settings.connections,
      eventsPerSend: 1,
      send: async () => {
        await kafka.send(RAW_TOPICS.events, [message()]);
        return true;
      },
    });
    await sleep(1_000);
    const send = kafka.coalescing(RAW_TOPICS.events);
    const rawCoalesced = await measure(ctx, {
      label: 'ingest.single-coalesced.raw',
      workers: settings.connections,
      eventsPerSend: 1,
      send: async () => {
        await send([message()]);
        return true;
      },
    });
    await sleep(1_000);
    const rawBatch = await measure(ctx, {
      label: 'ingest.batch.raw',
      workers: settings.batchConnections,
      eventsPerSend: settings.batchSize,
      send: async () => {
        await kafka.send(RAW_TOPICS.events, Array.from({ length: settings.batchSize }, message));
        return true;
      },
    });
    ctx.log(
      `ingest: raw produce single ${rawSingle.eventsPerSecond}/s, coalesced ${rawCoalesced.eventsPerSecond}/s, ` +
        `batch ${rawBatch.eventsPerSecond}/s`,
    );
    result.raw = { single: rawSingle, singleCoalesced: rawCoalesced, batch: rawBatch };
  }
  return result;
}
