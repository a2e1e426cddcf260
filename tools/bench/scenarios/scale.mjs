// scale: the max drain with one delivery-service, then again once a second replica has joined the same
// consumer group on the same broker; the ratio is what a replica adds. The second replica stops (SIGTERM)
// at the end, so later scenarios run against one again.
import { Service } from '../lib/services.mjs';
import { sleep } from '../lib/util.mjs';
import { domainMessages, produceAndDrain } from './max.mjs';

/** The replicas the delivery process counts in its group (`hookline_delivery_limit_replicas`). */
async function replicasSeenBy(service) {
  const response = await fetch(`${service.url}/metrics`, { signal: AbortSignal.timeout(2_000) });
  const line = (await response.text())
    .split('\n')
    .find((row) => row.startsWith('hookline_delivery_limit_replicas'));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

async function waitUntilBothSeeTwo(services, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const seen = await Promise.all(services.map((service) => replicasSeenBy(service).catch(() => 0)));
    if (seen.every((count) => count === 2)) {
      return;
    }
    await sleep(250);
  }
  throw new Error(`the two delivery replicas did not see each other within ${timeoutMs / 1000}s`);
}

export async function runScale(ctx) {
  const { events, endpoints: endpointCount } = ctx.settings.scale;
  const endpoints = await ctx.platform.provisionEndpoints('scale', endpointCount);
  await ctx.platform.warmUp(endpoints.map((endpoint) => ({ org: endpoint.org, keys: [endpoint.key] })));
  const topic = ctx.contracts.domainTopic('job');
  const keys = endpoints.map((endpoint) => endpoint.key);
  const run = (label) =>
    produceAndDrain(ctx, { label, topic, keys, messages: domainMessages(ctx, endpoints, events) });

  ctx.log(`scale: ${events} events over ${endpoints.length} endpoints with one delivery replica`);
  const one = { replicas: 1, ...(await run('scale.one-replica')) };
  ctx.log(`scale: one replica drained ${one.delivered}/${events} at ${one.drainPerSecond} deliveries/s`);

  const second = new Service('delivery', {
    env: ctx.env,
    logDir: ctx.runDir,
    profile: false,
    runId: `${ctx.runId}-2`,
  });
  ctx.sampler.track('delivery-service (second replica)', () => [second.pid]);
  try {
    await second.start();
    await second.waitUntilReady();
    await waitUntilBothSeeTwo([ctx.services.delivery, second], 60_000);
    ctx.log(`scale: ${events} events with two delivery replicas`);
    const two = { replicas: 2, ...(await run('scale.two-replicas')) };
    ctx.log(`scale: two replicas drained ${two.delivered}/${events} at ${two.drainPerSecond} deliveries/s`);
    const ratio =
      one.drainPerSecond && two.drainPerSecond
        ? Math.round((two.drainPerSecond / one.drainPerSecond) * 100) / 100
        : null;
    return { one, two, twoToOne: ratio };
  } finally {
    await second.stop();
  }
}
