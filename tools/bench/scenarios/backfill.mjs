// backfill: live latency without and during a backfill. Steady live load (fan-out 1 over several
// organizations) is measured once alone, then again while a backfill replays N past events, produced
// straight to the domain topic before its webhook existed, to a new webhook of another organization.
// delivery-service runs with DELIVERY_BACKFILL_RATE_PER_SECOND set to the scenario's pace (restored after).
import { AcceptedByKey, deliveryFigures, drainArrivals, firstOf, perSecond } from '../lib/measure.mjs';
import { nowMs, sleep, waitFor } from '../lib/util.mjs';
import { measureSteady } from './steady.mjs';

const PAST_KEY = 'backfill-past-0';

async function restartDelivery(ctx, env) {
  const delivery = ctx.services.delivery;
  await delivery.stop();
  delivery.env = env;
  await delivery.start();
  await delivery.waitUntilReady();
}

/** N past `job.created` events of `org`, straight to Kafka as a product service would produce them. */
async function producePast(ctx, org, count) {
  const { contracts, platform, kafka } = ctx;
  const ids = [];
  const messages = [];
  for (let seq = 0; seq < count; seq += 1) {
    const envelope = platform.envelope(org, `past_${seq}`);
    ids.push(envelope.id);
    messages.push({
      key: contracts.domainMessageKey(org.id, envelope.subject),
      value: JSON.stringify(envelope),
      headers: { [contracts.KafkaHeaders.eventType]: envelope.type },
    });
  }
  await kafka.sendAll(contracts.domainTopic('job'), messages);
  return ids;
}

export async function runBackfill(ctx) {
  const settings = ctx.settings.backfill;
  const { api, platform, receiver } = ctx;
  const originalEnv = ctx.services.delivery.env;
  await restartDelivery(ctx, {
    ...originalEnv,
    DELIVERY_BACKFILL_RATE_PER_SECOND: String(settings.ratePerSecond),
  });
  try {
    const endpoints = await platform.provisionEndpoints('backfill-live', settings.endpoints);
    await platform.warmUp(endpoints.map((endpoint) => ({ org: endpoint.org, keys: [endpoint.key] })));
    const live = (label) =>
      measureSteady(ctx, {
        label,
        pipeline: 'hookline',
        rate: settings.liveRate,
        settings,
        keys: endpoints.map((endpoint) => endpoint.key),
        send: async (seq) => {
          const response = await api.ingestOne(platform.event(endpoints[seq % endpoints.length].org, seq));
          return response.status === 202 ? response.id : null;
        },
      });

    ctx.log(`backfill: live load alone, ${settings.liveRate} events/s for ${settings.durationS}s`);
    const alone = await live('backfill.live.alone');

    const org = await api.createOrganization('bench backfill');
    const since = new Date(Date.now() - 1_000).toISOString();
    const pastIds = await producePast(ctx, org, settings.pastEvents);
    const ports = await platform.receiverPorts(settings.endpoints + 1);
    const created = await api.createWebhook(org.apiKey, {
      name: 'bench backfill',
      url: `http://127.0.0.1:${ports[settings.endpoints]}/ok/${PAST_KEY}`,
      events: ['job.*'],
    });
    await receiver.call('secrets', { entries: [[PAST_KEY, created.signingSecret]] });
    // Delivery must hold the new webhook's state before its backfill matches events against it.
    await platform.warmUp([{ org, keys: [PAST_KEY] }]);

    ctx.log(
      `backfill: ${pastIds.length} past events at ${settings.ratePerSecond}/s, live load of ${settings.liveRate}/s meanwhile`,
    );
    ctx.sampler.begin('backfill.past');
    const startedAt = nowMs();
    const backfill = await api.startBackfill(org.apiKey, created.id, { since });
    const past = new AcceptedByKey([PAST_KEY]);
    for (const id of pastIds) {
      past.add(PAST_KEY, id, startedAt);
    }
    const pastDrain = drainArrivals(ctx, {
      label: 'backfill.past',
      keys: [PAST_KEY],
      accepted: past.of,
      timeoutMs: settings.drainTimeoutS * 1000,
    });
    await sleep(500);
    const during = await live('backfill.live.during');
    const { complete, resources, match } = await pastDrain;
    const finished = await waitFor(
      async () => {
        const found = await api.getBackfill(org.apiKey, created.id, backfill.id);
        return found.status === 'completed' ? found : null;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const pastFigures = deliveryFigures({
      accepted: past.merged(),
      match,
      firstAcceptedAt: firstOf(past.merged()),
      expectedDeliveries: pastIds.length,
      timedOut: !complete,
    });
    const result = {
      ratePerSecond: settings.ratePerSecond,
      liveRate: settings.liveRate,
      alone,
      during,
      past: {
        events: pastIds.length,
        ...pastFigures,
        startToLastArrivalMs: match.lastArrival === null ? null : Math.round(match.lastArrival - startedAt),
        drainPerSecond:
          match.firstArrival === null
            ? null
            : perSecond(match.delivered, match.lastArrival - match.firstArrival),
        status: finished?.status ?? 'not completed in time',
        counts: finished
          ? { scanned: finished.scanned, matched: finished.matched, enqueued: finished.enqueued }
          : null,
        resources,
      },
      liveP99Ratio:
        alone.latencyMs.p99 && during.latencyMs.p99
          ? Math.round((during.latencyMs.p99 / alone.latencyMs.p99) * 100) / 100
          : null,
      liveP50Ratio:
        alone.latencyMs.p50 && during.latencyMs.p50
          ? Math.round((during.latencyMs.p50 / alone.latencyMs.p50) * 100) / 100
          : null,
    };
    ctx.log(
      `backfill: live p50/p99 ${alone.latencyMs.p50}/${alone.latencyMs.p99} ms alone, ` +
        `${during.latencyMs.p50}/${during.latencyMs.p99} ms during (${result.liveP99Ratio}× p99); ` +
        `${pastFigures.delivered}/${pastIds.length} past events in ${result.past.startToLastArrivalMs} ms`,
    );
    return result;
  } finally {
    await restartDelivery(ctx, originalEnv);
  }
}
