// The bench's webhook endpoint, in its own process so its CPU is not the load generator's.
// Paths: /ok/<key> (200), /fail/<key> (500), /hang/<key> (answers only after hangMs), /raw/<key> (200, unsigned).
// Every Hookline request is verified (Standard Webhooks HMAC with the key's secret) before it counts as arrived;
// a peer's request is verified alike (Svix sends the same scheme under `svix-id`, `svix-timestamp`, `svix-signature`);
// arrival times are recorded per key and webhook-id. A request that arrives before its key's secret is known
// (subscription-service sends a `webhook.test` event the moment an active webhook is created) is answered as
// the path says and verified when the secret is registered.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { serveCommands } from './child.mjs';
import { nowMs } from './util.mjs';

const TOLERANCE_SECONDS = 5 * 60;
const servers = [];
const secrets = new Map();
const arrivals = new Map();
const duplicates = new Map();
const hanging = new Set();
const pending = new Map();
const expected = new Map();
const matched = new Map();
const totals = {
  requests: 0,
  invalidSignature: 0,
  verifiedLate: 0,
  failAnswered: 0,
  hangStarted: 0,
  badPath: 0,
};
let hangMs = 30_000;

function arrivalsOf(key) {
  let map = arrivals.get(key);
  if (!map) {
    map = new Map();
    arrivals.set(key, map);
  }
  return map;
}

/** The Standard Webhooks headers, under their own names or under Svix's. */
const idOf = (headers) => headers['webhook-id'] ?? headers['svix-id'];

function verify(secret, headers, body) {
  const id = idOf(headers);
  const timestamp = headers['webhook-timestamp'] ?? headers['svix-timestamp'];
  const signatures = headers['webhook-signature'] ?? headers['svix-signature'];
  if (!id || !timestamp || !signatures) {
    return false;
  }
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(Date.now() / 1000 - seconds) > TOLERANCE_SECONDS) {
    return false;
  }
  const expected = createHmac('sha256', secret).update(`${id}.${timestamp}.`).update(body).digest();
  for (const entry of signatures.split(' ')) {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) {
      continue;
    }
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      return true;
    }
  }
  return false;
}

function record(key, id, arrivedAt) {
  const seen = arrivalsOf(key);
  if (seen.has(id)) {
    duplicates.set(key, (duplicates.get(key) ?? 0) + 1);
    return;
  }
  seen.set(id, arrivedAt);
  if (expected.get(key)?.has(id)) {
    matched.set(key, (matched.get(key) ?? 0) + 1);
  }
}

function handle(request, response) {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const arrivedAt = nowMs();
    totals.requests += 1;
    const [, mode, key] = (request.url ?? '').split('/');
    if (!key || !['ok', 'fail', 'hang', 'raw'].includes(mode)) {
      totals.badPath += 1;
      response.writeHead(404).end();
      return;
    }
    const body = Buffer.concat(chunks);
    const id = idOf(request.headers);
    const secret = secrets.get(key);
    if (mode === 'raw') {
      record(key, id, arrivedAt);
    } else if (!secret) {
      const waiting = pending.get(key) ?? [];
      waiting.push({ headers: request.headers, body, arrivedAt });
      pending.set(key, waiting);
    } else if (verify(secret, request.headers, body)) {
      record(key, id, arrivedAt);
    } else {
      totals.invalidSignature += 1;
      response.writeHead(401, { 'content-type': 'text/plain' }).end('invalid signature');
      return;
    }
    if (mode === 'fail') {
      totals.failAnswered += 1;
      response.writeHead(500, { 'content-type': 'text/plain' }).end('bench: failing endpoint');
      return;
    }
    if (mode === 'hang') {
      totals.hangStarted += 1;
      const timer = setTimeout(() => {
        hanging.delete(timer);
        response.writeHead(200, { 'content-type': 'text/plain' }).end('late');
      }, hangMs);
      hanging.add(timer);
      response.once('close', () => {
        clearTimeout(timer);
        hanging.delete(timer);
      });
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
}

function listenOne() {
  return new Promise((resolve, reject) => {
    const server = createServer(handle);
    server.keepAliveTimeout = 60_000;
    server.headersTimeout = 65_000;
    server.requestTimeout = 120_000;
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      servers.push(server);
      resolve(server.address().port);
    });
  });
}

serveCommands({
  /** Listens on at least `count` ports (one origin per webhook, as distinct customers would be). */
  async ports({ count }) {
    while (servers.length < count) {
      await listenOne();
    }
    return servers.slice(0, count).map((server) => server.address().port);
  },
  configure(args) {
    if (args.hangMs !== undefined) {
      hangMs = args.hangMs;
    }
    return { hangMs };
  },
  secrets({ entries }) {
    for (const [key, value] of entries) {
      const secret = Buffer.from(value.replace(/^whsec_/, ''), 'base64');
      secrets.set(key, secret);
      for (const early of pending.get(key) ?? []) {
        if (verify(secret, early.headers, early.body)) {
          totals.verifiedLate += 1;
          record(key, idOf(early.headers), early.arrivedAt);
        } else {
          totals.invalidSignature += 1;
        }
      }
      pending.delete(key);
    }
    return secrets.size;
  },
  /** From now on, count the arrivals of `ids` at each of `keys` (those already there included). */
  expect({ keys, ids }) {
    const wanted = new Set(ids);
    for (const key of keys) {
      expected.set(key, wanted);
      let already = 0;
      for (const id of arrivalsOf(key).keys()) {
        if (wanted.has(id)) {
          already += 1;
        }
      }
      matched.set(key, already);
    }
    return keys.length * wanted.size;
  },
  matched({ keys }) {
    return keys.reduce((sum, key) => sum + (matched.get(key) ?? 0), 0);
  },
  /** Arrival times per key (Map webhook-id → epoch ms); `clear` forgets them afterwards. */
  collect({ keys, clear = true }) {
    const result = {};
    for (const key of keys) {
      result[key] = { arrivals: arrivals.get(key) ?? new Map(), duplicates: duplicates.get(key) ?? 0 };
      if (clear) {
        arrivals.delete(key);
        duplicates.delete(key);
        expected.delete(key);
        matched.delete(key);
      }
    }
    return result;
  },
  totals() {
    const unverified = [...pending.values()].reduce((sum, list) => sum + list.length, 0);
    return { ...totals, unverifiedNoSecret: unverified, hangingNow: hanging.size };
  },
});
