// degraded: endpoints of several organizations, 10 % answering 500 and 5 % hanging (answer only after hangMs,
// past delivery's timeout). Load spread evenly; the latency of the healthy endpoints is compared with steady.
import { pacedLoop } from '../lib/load.mjs';
import { deliveryFigures, drainArrivals, firstOf } from '../lib/measure.mjs';
import { summarize } from '../lib/stats.mjs';
import { nowMs, waitFor } from '../lib/util.mjs';

export async function runDegraded(ctx) {
  const settings = ctx.settings.degraded;
  const { api, platform, receiver, sampler, kafka } = ctx;
  await receiver.call('configure', { hangMs: settings.hangMs });
  const modeOf = (index) =>
    index < settings.failing ? 'fail' : index < settings.failing + settings.hanging ? 'hang' : 'ok';
  // Failing and hanging endpoints first: once the healthy ones (created last) route, so do they.
  const orgs = [];
  for (let index = 0; index < settings.webhooks; index += 1) {
    const mode = modeOf(index);
    orgs.push(
      await platform.provisionOrg(`bench degraded ${index}`, [
        { mode, key: `degraded-${mode}-${index}`, port: index },
      ]),
    );
  }
  const healthy = orgs.filter((org) => org.webhooks[0].mode === 'ok');
  await platform.warmUp(healthy.map((org) => ({ org, keys: [org.webhooks[0].key] })));

  const acceptedByOrg = new Map(orgs.map((org) => [org.id, new Map()]));
  const ingestLatencies = [];
  ctx.log(
    `degraded: ${settings.rate} events/s over ${settings.webhooks} endpoints ` +
      `(${settings.failing} answer 500, ${settings.hanging} hang) for ${settings.durationS}s`,
  );
  sampler.begin('degraded.hookline');
  const generator = await pacedLoop({
    rate: settings.rate,
    durationMs: settings.durationS * 1000,
    send: async (seq) => {
      const org = orgs[seq % orgs.length];
      const sentAt = nowMs();
      const response = await api.ingestOne(platform.event(org, seq));
      if (response.status !== 202) {
        return;
      }
      const acceptedAt = nowMs();
      acceptedByOrg.get(org.id).set(response.id, acceptedAt);
      ingestLatencies.push(acceptedAt - sentAt);
    },
  });
  const healthyAccepted = new Map();
  for (const org of healthy) {
    for (const [id, at] of acceptedByOrg.get(org.id)) {
      healthyAccepted.set(id, at);
    }
  }
  const healthyKeys = healthy.map((org) => org.webhooks[0].key);
  const acceptedByKey = new Map(healthy.map((org) => [org.webhooks[0].key, acceptedByOrg.get(org.id)]));
  const { complete, resources, match } = await drainArrivals(ctx, {
    label: 'degraded.hookline',
    keys: healthyKeys,
    accepted: (key) => acceptedByKey.get(key),
    timeoutMs: settings.drainTimeoutS * 1000,
  });

  const unhealthy = {};
  for (const org of orgs.filter((candidate) => candidate.webhooks[0].mode !== 'ok')) {
    const [webhook] = org.webhooks;
    const collected = await receiver.call('collect', { keys: [webhook.key] });
    const entry = (unhealthy[webhook.mode] ??= { endpoints: 0, events: 0, reached: 0 });
    entry.endpoints += 1;
    entry.events += acceptedByOrg.get(org.id).size;
    entry.reached += collected[webhook.key].arrivals.size;
  }

  // Stop the failing endpoints from being retried into the next scenarios, and let hung batches finish.
  for (const org of orgs.filter((candidate) => candidate.webhooks[0].mode !== 'ok')) {
    await api.deleteWebhook(org.apiKey, org.webhooks[0].id);
  }
  const group = ctx.env.DELIVERY_CONSUMER_GROUP;
  const settled = await waitFor(
    async () => (await kafka.lag(group, ctx.contracts.domainTopic('job'))) === 0,
    {
      timeoutMs: 60_000,
      intervalMs: 500,
    },
  );
  if (!settled) {
    ctx.log('degraded: delivery still has uncommitted domain messages after 60 s; continuing');
  }

  ctx.log(
    `degraded: healthy ${match.delivered}/${healthyAccepted.size} delivered, ` +
      `p50 ${summarize(match.latencies).p50} ms, p99 ${summarize(match.latencies).p99} ms`,
  );
  return {
    hookline: {
      pipeline: 'hookline',
      rate: settings.rate,
      durationS: settings.durationS,
      endpoints: { total: settings.webhooks, failing: settings.failing, hanging: settings.hanging },
      hangMs: settings.hangMs,
      generator,
      healthy: deliveryFigures({
        accepted: healthyAccepted,
        match,
        firstAcceptedAt: firstOf(healthyAccepted),
        expectedDeliveries: healthyAccepted.size,
        timedOut: !complete,
      }),
      unhealthy,
      ingestLatencyMs: summarize(ingestLatencies),
      resources,
    },
  };
}
