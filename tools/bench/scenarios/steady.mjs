// steady: fixed ingest rates, fan-out 1 (every event to exactly one webhook), spread round robin over the
// endpoints of several organizations. Latency from acceptance (ingest's 202 / the raw producer's ack) to
// arrival at the receiver. Hookline and raw alternate rate by rate so both see the same machine.
import { RAW_TOPICS } from '../lib/infra.mjs';
import { pacedLoop } from '../lib/load.mjs';
import { AcceptedByKey, deliveryFigures, drainArrivals, firstOf } from '../lib/measure.mjs';
import { summarize } from '../lib/stats.mjs';
import { newId, nowMs, sleep } from '../lib/util.mjs';

/** One open-loop run at `rate`, each event to one of `keys`; `send(seq)` resolves the accepted id or null. */
export async function measureSteady(ctx, { label, pipeline, rate, settings, keys, send }) {
  const { sampler } = ctx;
  const accepted = new AcceptedByKey(keys);
  const acceptLatencies = [];
  let refused = 0;
  sampler.begin(label);
  const generator = await pacedLoop({
    rate,
    durationMs: settings.durationS * 1000,
    send: async (seq) => {
      const key = keys[seq % keys.length];
      const sentAt = nowMs();
      const id = await send(seq);
      const acceptedAt = nowMs();
      if (id === null) {
        refused += 1;
        return;
      }
      accepted.add(key, id, acceptedAt);
      acceptLatencies.push(acceptedAt - sentAt);
    },
  });
  const { complete, resources, match } = await drainArrivals(ctx, {
    label,
    keys,
    accepted: accepted.of,
    timeoutMs: settings.drainTimeoutS * 1000,
  });
  const all = accepted.merged();
  return {
    pipeline,
    rate,
    durationS: settings.durationS,
    endpoints: keys.length,
    generator: { ...generator, refused },
    ...deliveryFigures({
      accepted: all,
      match,
      firstAcceptedAt: firstOf(all),
      expectedDeliveries: all.size,
      timedOut: !complete,
    }),
    ingestLatencyMs: summarize(acceptLatencies),
    resources,
  };
}

export async function runSteady(ctx) {
  const settings = ctx.settings.steady;
  const endpoints = await ctx.platform.provisionEndpoints('steady', settings.endpoints);
  await ctx.platform.warmUp(endpoints.map((endpoint) => ({ org: endpoint.org, keys: [endpoint.key] })));
  /** Measures `pipeline` at a rate (with `settings` unless said), sending event `seq` with `send`. */
  const measuring =
    (pipeline, keys, send) =>
    (rate, run = settings) =>
      measureSteady(ctx, { label: `steady.${pipeline}.${rate}`, pipeline, rate, settings: run, keys, send });
  const hookline = measuring(
    'hookline',
    endpoints.map((endpoint) => endpoint.key),
    async (seq) => {
      const response = await ctx.api.ingestOne(
        ctx.platform.event(endpoints[seq % endpoints.length].org, seq),
      );
      return response.status === 202 ? response.id : null;
    },
  );
  const rawKeys = endpoints.map((endpoint) => `raw-steady-${endpoint.index}`);
  const raw = measuring('raw', rawKeys, async (seq) => {
    const id = newId('evt');
    const target = String(seq % rawKeys.length);
    await ctx.kafka.send(RAW_TOPICS.events, [
      { key: id, value: ctx.platform.rawBody(id), headers: { target } },
    ]);
    return id;
  });

  const ports = await ctx.platform.receiverPorts(rawKeys.length);
  if (ctx.raw) {
    await ctx.raw.start(rawKeys.map((key, index) => `http://127.0.0.1:${ports[index]}/raw/${key}`));
  }
  const runs = [];
  try {
    // Unmeasured warm-up (JIT, connection pools, consumer fetch loops) of both pipelines.
    const warmUp = { durationS: 1, drainTimeoutS: 20 };
    await hookline(200, warmUp);
    if (ctx.raw) {
      await raw(200, warmUp);
    }
    for (const rate of settings.rates) {
      ctx.log(
        `steady: Hookline at ${rate} events/s for ${settings.durationS}s over ${endpoints.length} endpoints`,
      );
      const measured = await hookline(rate);
      ctx.log(
        `steady: Hookline ${rate}/s → accepted ${measured.acceptedPerSecond}/s, p50 ${measured.latencyMs.p50} ms, ` +
          `p99 ${measured.latencyMs.p99} ms, ${measured.delivered}/${measured.accepted} delivered`,
      );
      runs.push(measured);
      await sleep(1_000);
      if (ctx.raw) {
        const rawMeasured = await raw(rate);
        ctx.log(
          `steady: raw ${rate}/s → accepted ${rawMeasured.acceptedPerSecond}/s, p50 ${rawMeasured.latencyMs.p50} ms, ` +
            `p99 ${rawMeasured.latencyMs.p99} ms`,
        );
        runs.push(rawMeasured);
        await sleep(1_000);
      }
    }
  } finally {
    if (ctx.raw) {
      await ctx.raw.stop();
    }
  }
  return { endpoints: endpoints.length, runs };
}
