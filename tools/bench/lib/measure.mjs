// Shared measurement steps of the delivery scenarios: wait for arrivals, match them, run the raw pipeline.
import { RAW_TOPICS } from './infra.mjs';
import { matchArrivals, summarize } from './stats.mjs';
import { nowMs, round, sleep, waitFor } from './util.mjs';

/**
 * Waits until every accepted event arrived at each of `keys` (or the timeout); true when complete.
 * `accepted` is a Map event id → acceptance time, the same for every key, or a function key → Map.
 * Only these ids count: stray requests (a webhook's `webhook.test` event, a late warm-up) do not.
 */
export async function awaitArrivals(receiver, keys, accepted, timeoutMs) {
  let total = 0;
  if (typeof accepted === 'function') {
    for (const key of keys) {
      total += await receiver.call('expect', { keys: [key], ids: [...accepted(key).keys()] });
    }
  } else {
    total = await receiver.call('expect', { keys, ids: [...accepted.keys()] });
  }
  const complete = await waitFor(async () => (await receiver.call('matched', { keys })) >= total, {
    timeoutMs,
    intervalMs: 100,
  });
  return complete !== null;
}

/**
 * Collects (and clears) the arrivals at `keys` and matches them with `accepted` (Map event id → acceptance
 * time): every key is expected to receive every accepted event (fan-out), one latency sample per pair. When
 * keys expect different events, `accepted` is a function key → Map.
 */
export async function collectAndMatch(receiver, keys, accepted) {
  const acceptedFor = typeof accepted === 'function' ? accepted : () => accepted;
  const collected = await receiver.call('collect', { keys, clear: true });
  const latencies = [];
  let delivered = 0;
  let missing = 0;
  let duplicates = 0;
  let firstArrival = Infinity;
  let lastArrival = -Infinity;
  for (const key of keys) {
    const match = matchArrivals(acceptedFor(key), collected[key].arrivals);
    for (const latency of match.latencies) {
      latencies.push(latency);
    }
    delivered += match.delivered;
    missing += match.missing;
    duplicates += collected[key].duplicates;
    if (match.firstArrival !== null) {
      firstArrival = Math.min(firstArrival, match.firstArrival);
    }
    if (match.lastArrival !== null) {
      lastArrival = Math.max(lastArrival, match.lastArrival);
    }
  }
  return {
    latencies,
    delivered,
    missing,
    duplicates,
    firstArrival: Number.isFinite(firstArrival) ? firstArrival : null,
    lastArrival: Number.isFinite(lastArrival) ? lastArrival : null,
    collected,
  };
}

/**
 * The end of every delivery measurement: waits for the accepted events at `keys` (see awaitArrivals), ends the
 * resource sample `label` once they arrived (or the timeout passed), then collects and matches the arrivals.
 */
export async function drainArrivals({ receiver, sampler }, { label, keys, accepted, timeoutMs }) {
  const complete = await awaitArrivals(receiver, keys, accepted, timeoutMs);
  const resources = sampler.end(label);
  const match = await collectAndMatch(receiver, keys, accepted);
  return { complete, resources, match };
}

/**
 * drainArrivals for the events of `accepted` (AcceptedByKey) at its keys, each expected once, with their
 * delivery figures counted from `firstAcceptedAt`; answers the match and the resources too.
 */
export async function drainAccepted(ctx, label, accepted, firstAcceptedAt, timeoutMs) {
  const { keys } = accepted;
  const { complete, resources, match } = await drainArrivals(ctx, {
    label,
    keys,
    accepted: accepted.of,
    timeoutMs,
  });
  const all = accepted.merged();
  const figures = deliveryFigures({
    accepted: all,
    match,
    firstAcceptedAt,
    expectedDeliveries: all.size,
    timedOut: !complete,
  });
  return { figures, match, resources };
}

/** Between the first and the last arrival: the consumer's sustained deliveries/s. */
export function drainRate(match) {
  return {
    drainMs: match.firstArrival !== null ? Math.round(match.lastArrival - match.firstArrival) : null,
    drainPerSecond:
      match.firstArrival !== null ? perSecond(match.delivered, match.lastArrival - match.firstArrival) : null,
  };
}

/** Produces `entries` ({ key, id, message }) to `topic`; each is accepted at its key once its chunk is acked. */
export async function produceAccepted(kafka, topic, entries, accepted) {
  const byMessage = new Map(entries.map((entry) => [entry.message, entry]));
  await kafka.sendAll(
    topic,
    entries.map((entry) => entry.message),
    {
      onAck: (chunk) => {
        const at = nowMs();
        for (const message of chunk) {
          const entry = byMessage.get(message);
          accepted.add(entry.key, entry.id, at);
        }
      },
    },
  );
}

/** Events accepted per second while they were being accepted (first to last acceptance). */
export function acceptanceRate(accepted) {
  let first = Infinity;
  let last = -Infinity;
  for (const at of accepted.values()) {
    if (at < first) {
      first = at;
    }
    if (at > last) {
      last = at;
    }
  }
  return accepted.size > 1 && last > first ? Math.round(((accepted.size - 1) * 1000) / (last - first)) : null;
}

/** The fields every delivery measurement reports. */
export function deliveryFigures({ accepted, match, firstAcceptedAt, expectedDeliveries, timedOut }) {
  const spanMs =
    match.lastArrival !== null && firstAcceptedAt !== null ? match.lastArrival - firstAcceptedAt : null;
  return {
    accepted: accepted.size,
    acceptedPerSecond: acceptanceRate(accepted),
    expectedDeliveries,
    delivered: match.delivered,
    missing: match.missing,
    duplicates: match.duplicates,
    allDelivered: match.missing === 0 && match.delivered === expectedDeliveries,
    timedOut,
    deliveriesPerSecond: spanMs ? Math.round((match.delivered * 1000) / spanMs) : null,
    latencyMs: summarize(match.latencies),
  };
}

/** Acceptance times per receiver key (each event is expected at exactly one endpoint). */
export class AcceptedByKey {
  constructor(keys) {
    this.byKey = new Map(keys.map((key) => [key, new Map()]));
  }

  add(key, id, at) {
    this.byKey.get(key).set(id, at);
  }

  get keys() {
    return [...this.byKey.keys()];
  }

  /** For awaitArrivals / collectAndMatch. */
  get of() {
    return (key) => this.byKey.get(key);
  }

  merged() {
    const all = new Map();
    for (const map of this.byKey.values()) {
      for (const [id, at] of map) {
        all.set(id, at);
      }
    }
    return all;
  }
}

export function firstOf(map) {
  let first = Infinity;
  for (const value of map.values()) {
    if (value < first) {
      first = value;
    }
  }
  return Number.isFinite(first) ? first : null;
}

/** The raw pipeline child, one consumer group per use. */
export class RawPipeline {
  constructor(worker, { brokers, runId }) {
    this.worker = worker;
    this.brokers = brokers;
    this.runId = runId;
    this.uses = 0;
    this.groupId = null;
  }

  async start(targets, { groupId } = {}) {
    this.uses += 1;
    this.groupId = groupId ?? `bench-raw-${this.runId}-${this.uses}`;
    await this.worker.call('start', {
      brokers: this.brokers,
      groupId: this.groupId,
      topic: RAW_TOPICS.events,
      attemptsTopic: RAW_TOPICS.attempts,
      targets,
    });
    // The group has joined; give the first fetch a moment to resolve "latest" before anything is produced.
    await sleep(500);
  }

  stop() {
    return this.worker.call('stop');
  }
}

export const perSecond = (count, ms) => (ms > 0 ? Math.round((count * 1000) / ms) : null);
export { round };
