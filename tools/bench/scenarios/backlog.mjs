// backlog: N events accepted (batch ingest) while delivery-service is stopped; then it starts and drains them.
// Events are spread over the endpoints of several organizations, as in steady and max.
import { RAW_TOPICS } from '../lib/infra.mjs';
import { forEachConcurrently } from '../lib/load.mjs';
import { AcceptedByKey, drainAccepted, drainRate, perSecond, produceAccepted } from '../lib/measure.mjs';
import { nowMs, sleep } from '../lib/util.mjs';
import { rawMessages } from './max.mjs';

const BATCH = 100;

export function backlogDrain(match, startedAt, readyAt) {
  return {
    startToReadyMs: readyAt !== null ? Math.round(readyAt - startedAt) : null,
    startToLastArrivalMs: match.lastArrival !== null ? Math.round(match.lastArrival - startedAt) : null,
    ...drainRate(match),
    startToEmptyPerSecond:
      match.lastArrival !== null ? perSecond(match.delivered, match.lastArrival - startedAt) : null,
  };
}

/**
 * Waits until the backlog in `accepted` (AcceptedByKey) arrived; rates count from `startedAt`, when the
 * consumer was started with the whole backlog waiting.
 */
async function drainBacklog(ctx, { label, accepted, startedAt, readyAt }) {
  const timeoutMs = ctx.settings.backlog.drainTimeoutS * 1000;
  const { figures, match, resources } = await drainAccepted(ctx, label, accepted, startedAt, timeoutMs);
  return { ...figures, ...backlogDrain(match, startedAt, readyAt), resources };
}

async function hooklineBacklog(ctx, endpoints, events) {
  const { api, platform, sampler, kafka, services } = ctx;
  const group = ctx.env.DELIVERY_CONSUMER_GROUP;
  const topic = ctx.contracts.domainTopic('job');
  ctx.log('backlog: stopping delivery-service');
  await services.delivery.stop();
  // Partitions this group never committed would otherwise restart at "latest" and skip the backlog.
  await kafka.pinUncommittedPartitions(group, topic);

  const keys = endpoints.map((endpoint) => endpoint.key);
  const accepted = new AcceptedByKey(keys);
  const batches = [];
  for (let seq = 0; seq < events; seq += BATCH) {
    batches.push(
      Array.from({ length: Math.min(BATCH, events - seq) }, (_, index) => {
        const endpoint = endpoints[(seq + index) % endpoints.length];
        return { key: endpoint.key, event: platform.event(endpoint.org, seq + index) };
      }),
    );
  }
  const ingestStartedAt = nowMs();
  let refused = 0;
  await forEachConcurrently(batches, 8, async (batch) => {
    const response = await api.ingestBatch(batch.map((entry) => entry.event));
    if (response.status !== 202) {
      refused += batch.length;
      return;
    }
    const at = nowMs();
    response.ids.forEach((id, index) => accepted.add(batch[index].key, id, at));
  });
  const ingestMs = nowMs() - ingestStartedAt;
  const all = accepted.merged();
  ctx.log(
    `backlog: ${all.size} events accepted in ${(ingestMs / 1000).toFixed(1)}s; starting delivery-service`,
  );

  sampler.begin('backlog.hookline');
  const startedAt = nowMs();
  await services.delivery.start();
  let readyAt = null;
  await services.delivery.waitUntilReady().then(() => (readyAt = nowMs()));
  return {
    pipeline: 'hookline',
    events,
    endpoints: keys.length,
    refused,
    ingestPerSecond: perSecond(all.size, ingestMs),
    ...(await drainBacklog(ctx, { label: 'backlog.hookline', accepted, startedAt, readyAt })),
  };
}

async function rawBacklog(ctx, endpointCount, events) {
  const { kafka, platform, sampler, raw } = ctx;
  const keys = Array.from({ length: endpointCount }, (_, index) => `raw-backlog-${index}`);
  const ports = await platform.receiverPorts(keys.length);
  const targets = keys.map((key, index) => `http://127.0.0.1:${ports[index]}/raw/${key}`);
  await raw.start(targets);
  const groupId = raw.groupId;
  await raw.stop();
  await kafka.pinUncommittedPartitions(groupId, RAW_TOPICS.events);
  const accepted = new AcceptedByKey(keys);
  await produceAccepted(kafka, RAW_TOPICS.events, rawMessages(platform, keys, events), accepted);
  sampler.begin('backlog.raw');
  const startedAt = nowMs();
  await raw.start(targets, { groupId });
  const readyAt = nowMs();
  try {
    return {
      pipeline: 'raw',
      events,
      endpoints: keys.length,
      ...(await drainBacklog(ctx, { label: 'backlog.raw', accepted, startedAt, readyAt })),
    };
  } finally {
    await raw.stop();
  }
}

export async function runBacklog(ctx) {
  const { events, endpoints: endpointCount } = ctx.settings.backlog;
  const endpoints = await ctx.platform.provisionEndpoints('backlog', endpointCount);
  await ctx.platform.warmUp(endpoints.map((endpoint) => ({ org: endpoint.org, keys: [endpoint.key] })));
  const hookline = await hooklineBacklog(ctx, endpoints, events);
  ctx.log(
    `backlog: Hookline drained ${hookline.delivered}/${hookline.accepted} at ${hookline.drainPerSecond} deliveries/s ` +
      `(${hookline.startToLastArrivalMs} ms from start)`,
  );
  let raw = null;
  if (ctx.raw) {
    await sleep(1_000);
    raw = await rawBacklog(ctx, endpointCount, events);
    ctx.log(`backlog: raw drained ${raw.delivered}/${raw.accepted} at ${raw.drainPerSecond} deliveries/s`);
  }
  return { hookline, raw };
}
