// max: a fixed large batch produced straight to the domain topic (so ingest is not the limit) while delivery
// runs; the drain rate at the receiver is the highest sustained deliveries/s with every event delivered.
// Spread over the endpoints of several organizations (the platform's capacity), and once more all to one
// endpoint (what one customer can receive: per-webhook concurrency limits apply).
import { RAW_TOPICS } from '../lib/infra.mjs';
import { AcceptedByKey, drainAccepted, drainRate, perSecond, produceAccepted } from '../lib/measure.mjs';
import { newId, nowMs, sleep } from '../lib/util.mjs';

export function drainFigures(match, produceStartedAt) {
  return {
    ...drainRate(match),
    // From the first produce call to the last arrival: what a producer of the batch experiences.
    endToEndPerSecond:
      match.lastArrival !== null ? perSecond(match.delivered, match.lastArrival - produceStartedAt) : null,
  };
}

/** `messages`: [{key of the receiver endpoint, id, message}] */
export async function produceAndDrain(ctx, { label, topic, keys, messages }) {
  const accepted = new AcceptedByKey(keys);
  ctx.sampler.begin(label);
  const produceStartedAt = nowMs();
  await produceAccepted(ctx.kafka, topic, messages, accepted);
  const produceMs = nowMs() - produceStartedAt;
  const timeoutMs = ctx.settings.max.drainTimeoutS * 1000;
  const { figures, match, resources } = await drainAccepted(
    ctx,
    label,
    accepted,
    produceStartedAt,
    timeoutMs,
  );
  return {
    events: messages.length,
    endpoints: keys.length,
    produceMs: Math.round(produceMs),
    producedPerSecond: perSecond(messages.length, produceMs),
    ...figures,
    ...drainFigures(match, produceStartedAt),
    resources,
  };
}

export function domainMessages(ctx, endpoints, events) {
  const { contracts, platform } = ctx;
  return Array.from({ length: events }, (_, seq) => {
    const endpoint = endpoints[seq % endpoints.length];
    const envelope = platform.envelope(endpoint.org, seq);
    return {
      key: endpoint.key,
      id: envelope.id,
      message: {
        key: contracts.domainMessageKey(envelope.organizationId, envelope.subject),
        value: JSON.stringify(envelope),
        headers: { [contracts.KafkaHeaders.eventType]: envelope.type },
      },
    };
  });
}

/** `events` messages for the raw pipeline, round robin over the receiver endpoints of `keys`. */
export function rawMessages(platform, keys, events) {
  return Array.from({ length: events }, (_, seq) => {
    const id = newId('evt');
    const target = seq % keys.length;
    return {
      key: keys[target],
      id,
      message: { key: id, value: platform.rawBody(id), headers: { target: String(target) } },
    };
  });
}

export async function runMax(ctx) {
  const { events, endpoints: endpointCount } = ctx.settings.max;
  const endpoints = await ctx.platform.provisionEndpoints('max', endpointCount);
  const single = await ctx.platform.provisionEndpoints('max-single', 1);
  await ctx.platform.warmUp(
    [...endpoints, ...single].map((endpoint) => ({ org: endpoint.org, keys: [endpoint.key] })),
  );
  const domainTopic = ctx.contracts.domainTopic('job');

  ctx.log(`max: ${events} events straight to ${domainTopic}, over ${endpoints.length} endpoints`);
  const hookline = {
    pipeline: 'hookline',
    ...(await produceAndDrain(ctx, {
      label: 'max.hookline',
      topic: domainTopic,
      keys: endpoints.map((endpoint) => endpoint.key),
      messages: domainMessages(ctx, endpoints, events),
    })),
  };
  ctx.log(`max: Hookline drained ${hookline.delivered}/${events} at ${hookline.drainPerSecond} deliveries/s`);
  await sleep(1_000);

  const singleEvents = Math.round(events / 2);
  ctx.log(`max: ${singleEvents} events to one endpoint`);
  const hooklineSingle = {
    pipeline: 'hookline',
    ...(await produceAndDrain(ctx, {
      label: 'max.hookline.single-endpoint',
      topic: domainTopic,
      keys: [single[0].key],
      messages: domainMessages(ctx, single, singleEvents),
    })),
  };
  ctx.log(`max: one endpoint: ${hooklineSingle.drainPerSecond} deliveries/s`);
  const result = { hookline, hooklineSingle, raw: null };

  if (ctx.raw) {
    await sleep(1_000);
    const rawKeys = endpoints.map((endpoint) => `raw-max-${endpoint.index}`);
    const ports = await ctx.platform.receiverPorts(rawKeys.length);
    await ctx.raw.start(rawKeys.map((key, index) => `http://127.0.0.1:${ports[index]}/raw/${key}`));
    try {
      const messages = rawMessages(ctx.platform, rawKeys, events);
      result.raw = {
        pipeline: 'raw',
        ...(await produceAndDrain(ctx, {
          label: 'max.raw',
          topic: RAW_TOPICS.events,
          keys: rawKeys,
          messages,
        })),
      };
      ctx.log(
        `max: raw drained ${result.raw.delivered}/${events} at ${result.raw.drainPerSecond} deliveries/s`,
      );
    } finally {
      await ctx.raw.stop();
    }
  }
  return result;
}
