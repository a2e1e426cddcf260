// fan-out: every event goes to N webhooks (N endpoints on N origins). Deliveries/s and latency per delivery,
// plus the spread between the first and the last endpoint of one event.
import { RAW_TOPICS } from '../lib/infra.mjs';
import { pacedLoop } from '../lib/load.mjs';
import { deliveryFigures, drainArrivals, firstOf } from '../lib/measure.mjs';
import { summarize } from '../lib/stats.mjs';
import { newId, nowMs, sleep } from '../lib/util.mjs';

function spreadOf(accepted, collected, keys) {
  const spreads = [];
  for (const id of accepted.keys()) {
    let first = Infinity;
    let last = -Infinity;
    for (const key of keys) {
      const at = collected[key].arrivals.get(id);
      if (at === undefined) {
        continue;
      }
      first = Math.min(first, at);
      last = Math.max(last, at);
    }
    if (Number.isFinite(first)) {
      spreads.push(last - first);
    }
  }
  return summarize(spreads);
}

/** One open-loop run at the fan-out rate; every accepted event (`send` fills `accepted`) is expected at every key. */
export async function measureFanout(ctx, { label, keys, send }) {
  const { sampler } = ctx;
  const settings = ctx.settings.fanout;
  const accepted = new Map();
  sampler.begin(label);
  const generator = await pacedLoop({
    rate: settings.rate,
    durationMs: settings.durationS * 1000,
    send: (seq) => send(seq, accepted),
  });
  const expected = accepted.size * keys.length;
  const { complete, resources, match } = await drainArrivals(ctx, {
    label,
    keys,
    accepted,
    timeoutMs: settings.drainTimeoutS * 1000,
  });
  return {
    webhooks: keys.length,
    rate: settings.rate,
    durationS: settings.durationS,
    generator,
    ...deliveryFigures({
      accepted,
      match,
      firstAcceptedAt: firstOf(accepted),
      expectedDeliveries: expected,
      timedOut: !complete,
    }),
    spreadMs: spreadOf(accepted, match.collected, keys),
    resources,
  };
}

export async function runFanout(ctx) {
  const settings = ctx.settings.fanout;
  const keys = Array.from({ length: settings.webhooks }, (_, index) => `fanout-${index}`);
  const org = await ctx.platform.provisionOrg(
    'bench fan-out',
    keys.map((key) => ({ mode: 'ok', key })),
  );
  await ctx.platform.warmUp([{ org, keys }]);

  ctx.log(
    `fanout: Hookline, ${settings.rate} events/s × ${settings.webhooks} webhooks for ${settings.durationS}s`,
  );
  const hookline = {
    pipeline: 'hookline',
    ...(await measureFanout(ctx, {
      label: 'fanout.hookline',
      keys,
      send: async (seq, accepted) => {
        const response = await ctx.api.ingestOne(ctx.platform.event(org, seq));
        if (response.status === 202) {
          accepted.set(response.id, nowMs());
        }
      },
    })),
  };
  ctx.log(
    `fanout: Hookline ${hookline.delivered}/${hookline.expectedDeliveries} deliveries, ` +
      `${hookline.deliveriesPerSecond}/s, p99 ${hookline.latencyMs.p99} ms`,
  );
  const result = { hookline, raw: null };

  if (ctx.raw) {
    await sleep(1_000);
    const rawKeys = keys.map((key) => `raw-${key}`);
    const ports = await ctx.platform.receiverPorts(rawKeys.length);
    await ctx.raw.start(rawKeys.map((key, index) => `http://127.0.0.1:${ports[index]}/raw/${key}`));
    try {
      result.raw = {
        pipeline: 'raw',
        ...(await measureFanout(ctx, {
          label: 'fanout.raw',
          keys: rawKeys,
          send: async (_, accepted) => {
            const id = newId('evt');
            await ctx.kafka.send(RAW_TOPICS.events, [{ key: id, value: ctx.platform.rawBody(id) }]);
            accepted.set(id, nowMs());
          },
        })),
      };
      ctx.log(`fanout: raw ${result.raw.deliveriesPerSecond}/s, p99 ${result.raw.latencyMs.p99} ms`);
    } finally {
      await ctx.raw.stop();
    }
  }
  return result;
}
