// peers: the steady, max, fan-out and backlog loads once more against another webhook server on this machine
// (Svix OSS), with the same receiver (every signature verified), load generator, payload and counts, so the
// Hookline/peer ratios come from one run. Svix is driven over its public API only: an event enters where a
// product would send it (POST /msg, answered 202 once stored) and leaves as a signed POST to an endpoint.
//   steady   fan-out 1 over the steady endpoints, one channel each (Svix's way to address one endpoint)
//   max      the max count through the API as fast as 64 connections go, fan-out 1; and a tenth of it at fan-out 10
//   fanout   the fan-out scenario's rate and webhook count, every endpoint subscribed to everything
//   backlog  Redis queue: the backlog count accepted by the API alone, then the worker drains it
import path from 'node:path';
import { forEachConcurrently } from '../lib/load.mjs';
import { AcceptedByKey, awaitArrivals, deliveryFigures, drainArrivals, perSecond } from '../lib/measure.mjs';
import { EVENT_TYPE } from '../lib/platform.mjs';
import { ROOT } from '../lib/services.mjs';
import { RedisQueue, SvixPeer, svixDirectory, svixVersion } from '../lib/svix-peer.mjs';
import { nowMs, sleep } from '../lib/util.mjs';
import { backlogDrain } from './backlog.mjs';
import { measureFanout } from './fanout.mjs';
import { drainFigures } from './max.mjs';
import { measureSteady } from './steady.mjs';

export const KNOWN_PEERS = ['svix'];
const API_CONNECTIONS = 64;

/** `count` endpoints of one new application, each on its own receiver port; `channels` gives each its own. */
async function provision(ctx, svix, name, { count, channels }) {
  const app = await svix.createApp(`bench ${name}`);
  const ports = await ctx.platform.receiverPorts(count);
  const endpoints = [];
  for (let index = 0; index < count; index += 1) {
    const key = `svix-${name}-${index}`;
    const channel = channels ? `c${index}` : null;
    const created = await svix.createEndpoint(app, {
      url: `http://127.0.0.1:${ports[index]}/ok/${key}`,
      channels: channel ? [channel] : undefined,
    });
    await ctx.receiver.call('secrets', { entries: [[key, created.secret]] });
    endpoints.push({ key, channel });
  }
  return { app, endpoints, keys: endpoints.map((endpoint) => endpoint.key) };
}

/** The message a product would send: the same catalog example Hookline's events carry. */
function message(ctx, setup, seq) {
  const endpoint = setup.endpoints[seq % setup.endpoints.length];
  return {
    eventType: EVENT_TYPE,
    payload: { type: EVENT_TYPE, subject: `job_${seq}`, data: ctx.platform.example },
    channels: endpoint.channel ? [endpoint.channel] : undefined,
  };
}

/** One message per endpoint (or one to all) until each arrived; forgets the arrivals afterwards. */
async function warmUp(ctx, svix, setup) {
  const byKey = new AcceptedByKey(setup.keys);
  const all = new Map();
  const sends = setup.endpoints[0].channel ? setup.endpoints.length : 1;
  for (let seq = 0; seq < sends; seq += 1) {
    const id = await svix.send(setup.app, message(ctx, setup, seq));
    if (setup.endpoints[0].channel) {
      byKey.add(setup.endpoints[seq].key, id, nowMs());
    } else {
      all.set(id, nowMs());
    }
  }
  const accepted = setup.endpoints[0].channel ? byKey.of : all;
  if (!(await awaitArrivals(ctx.receiver, setup.keys, accepted, 30_000))) {
    throw new Error(`svix warm-up: nothing arrived at ${setup.keys.join(', ')} within 30 s`);
  }
  await ctx.receiver.call('collect', { keys: setup.keys, clear: true });
}

/** Sends `count` messages through the API over 64 connections; every accepted id with its acceptance time. */
async function sendAll(ctx, svix, setup, count) {
  const accepted = new AcceptedByKey(setup.keys);
  const fanned = new Map();
  let refused = 0;
  const startedAt = nowMs();
  await forEachConcurrently(
    Array.from({ length: count }, (_, seq) => seq),
    API_CONNECTIONS,
    async (seq) => {
      const id = await svix.send(setup.app, message(ctx, setup, seq)).catch(() => null);
      const at = nowMs();
      if (id === null) {
        refused += 1;
      } else if (setup.endpoints[0].channel) {
        accepted.add(setup.endpoints[seq % setup.endpoints.length].key, id, at);
      } else {
        fanned.set(id, at);
      }
    },
  );
  const apiMs = nowMs() - startedAt;
  const fanOut = !setup.endpoints[0].channel;
  return {
    startedAt,
    apiMs,
    refused,
    // For drainArrivals: one map for every key (fan-out) or one per key.
    expected: fanOut ? fanned : accepted.of,
    all: fanOut ? fanned : accepted.merged(),
    deliveries: fanOut ? fanned.size * setup.keys.length : accepted.merged().size,
  };
}

/** Waits for what sendAll sent to arrive; the delivery figures count from the first API call. */
async function drainSent(ctx, setup, sent, { label, timeoutMs }) {
  const { complete, resources, match } = await drainArrivals(ctx, {
    label,
    keys: setup.keys,
    accepted: sent.expected,
    timeoutMs,
  });
  const figures = deliveryFigures({
    accepted: sent.all,
    match,
    firstAcceptedAt: sent.startedAt,
    expectedDeliveries: sent.deliveries,
    timedOut: !complete,
  });
  return { figures, resources, match };
}

async function maxRun(ctx, svix, setup, { label, events }) {
  ctx.sampler.begin(label);
  const sent = await sendAll(ctx, svix, setup, events);
  const { figures, resources, match } = await drainSent(ctx, setup, sent, {
    label,
    timeoutMs: ctx.settings.max.drainTimeoutS * 1000,
  });
  return {
    pipeline: 'svix',
    events,
    endpoints: setup.keys.length,
    apiMs: Math.round(sent.apiMs),
    apiPerSecond: perSecond(sent.all.size, sent.apiMs),
    refused: sent.refused,
    ...figures,
    ...drainFigures(match, sent.startedAt),
    resources,
  };
}

async function steadyRuns(ctx, svix) {
  const settings = ctx.settings.steady;
  const setup = await provision(ctx, svix, 'steady', { count: settings.endpoints, channels: true });
  await warmUp(ctx, svix, setup);
  const send = (seq) => svix.send(setup.app, message(ctx, setup, seq)).catch(() => null);
  await measureSteady(ctx, {
    label: 'peers.svix.steady.warm-up',
    pipeline: 'svix',
    rate: 200,
    settings: { durationS: 1, drainTimeoutS: 20 },
    keys: setup.keys,
    send,
  });
  const runs = [];
  for (const rate of settings.rates) {
    const run = await measureSteady(ctx, {
      label: `peers.svix.steady.${rate}`,
      pipeline: 'svix',
      rate,
      settings,
      keys: setup.keys,
      send,
    });
    ctx.log(
      `peers: svix steady ${rate}/s → accepted ${run.acceptedPerSecond}/s, p50 ${run.latencyMs.p50} ms, ` +
        `p99 ${run.latencyMs.p99} ms, ${run.delivered}/${run.accepted} delivered`,
    );
    runs.push(run);
    await sleep(1_000);
  }
  return { endpoints: setup.keys.length, runs };
}

async function maxRuns(ctx, svix) {
  const { events, endpoints } = ctx.settings.max;
  const spread = await provision(ctx, svix, 'max', { count: endpoints, channels: true });
  const fanned = await provision(ctx, svix, 'max-fanout', { count: endpoints, channels: false });
  await warmUp(ctx, svix, spread);
  await warmUp(ctx, svix, fanned);
  const fanout1 = await maxRun(ctx, svix, spread, { label: 'peers.svix.max', events });
  ctx.log(`peers: svix max, fan-out 1: API ${fanout1.apiPerSecond}/s, drain ${fanout1.drainPerSecond}/s`);
  await sleep(1_000);
  const fanout10 = await maxRun(ctx, svix, fanned, {
    label: 'peers.svix.max.fanout',
    events: Math.round(events / endpoints),
  });
  ctx.log(`peers: svix max, fan-out ${endpoints}: drain ${fanout10.drainPerSecond} deliveries/s`);
  return { fanout1, fanoutN: fanout10 };
}

async function fanoutRun(ctx, svix) {
  const settings = ctx.settings.fanout;
  const setup = await provision(ctx, svix, 'fanout', { count: settings.webhooks, channels: false });
  await warmUp(ctx, svix, setup);
  const run = await measureFanout(ctx, {
    label: 'peers.svix.fanout',
    keys: setup.keys,
    send: async (seq, accepted) => {
      const id = await svix.send(setup.app, message(ctx, setup, seq)).catch(() => null);
      if (id !== null) {
        accepted.set(id, nowMs());
      }
    },
  });
  ctx.log(`peers: svix fan-out ${run.deliveriesPerSecond} deliveries/s, p99 ${run.latencyMs.p99} ms`);
  return { pipeline: 'svix', ...run };
}

/** The backlog through Svix's durable (Redis) queue: its API alone accepts it, then its worker drains it. */
async function backlogRun(ctx, svix, redis) {
  const settings = ctx.settings.backlog;
  const dsn = await redis.start();
  await svix.start({ queue: dsn, worker: false });
  const setup = await provision(ctx, svix, 'backlog', { count: settings.endpoints, channels: true });
  const sent = await sendAll(ctx, svix, setup, settings.events);
  ctx.log(
    `peers: svix backlog: ${sent.all.size} accepted by its API alone at ${perSecond(sent.all.size, sent.apiMs)}/s`,
  );
  await svix.stop();
  ctx.sampler.begin('peers.svix.backlog');
  const startedAt = nowMs();
  await svix.start({ queue: dsn, worker: true });
  const readyAt = nowMs();
  const { figures, resources, match } = await drainSent(ctx, setup, sent, {
    label: 'peers.svix.backlog',
    timeoutMs: settings.drainTimeoutS * 1000,
  });
  const run = {
    pipeline: 'svix',
    events: settings.events,
    endpoints: setup.keys.length,
    queue: 'redis',
    apiPerSecond: perSecond(sent.all.size, sent.apiMs),
    ...figures,
    ...backlogDrain(match, startedAt, readyAt),
    resources,
  };
  ctx.log(
    `peers: svix backlog drained ${run.delivered}/${run.expectedDeliveries} at ${run.drainPerSecond}/s`,
  );
  return run;
}

async function runSvix(ctx) {
  const dir = svixDirectory(ROOT);
  if (!dir) {
    throw new Error(
      'no Svix binary: set HOOKLINE_BENCH_SVIX_DIR to a folder with svix-server, start.sh and stop.sh',
    );
  }
  const svix = new SvixPeer({ dir, stateDir: path.join(ctx.runDir, 'svix'), log: ctx.log });
  const redisBinary = RedisQueue.available();
  const redis = redisBinary ? new RedisQueue(redisBinary, path.join(ctx.runDir, 'svix-redis.log')) : null;
  const groups = { 'svix-server': () => [svix.pid], 'postgres (svix)': () => svix.postgresPids() };
  if (redis) {
    groups['redis (svix queue)'] = () => [redis.pid];
  }
  for (const [name, pids] of Object.entries(groups)) {
    ctx.sampler.track(name, pids);
  }
  const result = { version: await svixVersion(dir), queue: 'memory' };
  try {
    await svix.start();
    await svix.createEventType(EVENT_TYPE);
    result.steady = await steadyRuns(ctx, svix);
    result.max = await maxRuns(ctx, svix);
    result.fanout = await fanoutRun(ctx, svix);
    await svix.stop();
    result.backlog = redis
      ? await backlogRun(ctx, svix, redis)
      : {
          skipped:
            'no redis-server on this machine (apt-get install redis-server): Svix keeps a backlog only in Redis',
        };
  } finally {
    await svix.stop();
    await redis?.stop();
    for (const name of Object.keys(groups)) {
      ctx.sampler.untrack(name);
    }
  }
  return result;
}

export async function runPeers(ctx) {
  const result = {};
  for (const peer of ctx.peers) {
    ctx.log(`peers: ${peer}`);
    result[peer] = await runSvix(ctx);
  }
  return result;
}
