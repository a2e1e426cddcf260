// Svix OSS as a peer in the bench: a prebuilt `svix-server` and the `start.sh` / `stop.sh` beside it
// (HOOKLINE_BENCH_SVIX_DIR, by default `../shared/peers/svix` next to the checkout) run it on a private
// Postgres; the bench drives it over its public API with the same receiver and load generator as Hookline.
// Nothing of Svix is in this repository: without the binary the peer is reported as not available.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'undici';
import { freePort, sleep, waitFor } from './util.mjs';

const run = promisify(execFile);

/** The folder holding `svix-server`, `start.sh` and `stop.sh`, or null when there is none. */
export function svixDirectory(root, env = process.env) {
  const dir = env.HOOKLINE_BENCH_SVIX_DIR || path.resolve(root, '../shared/peers/svix');
  const present = ['svix-server', 'start.sh', 'stop.sh'].every((name) => fs.existsSync(path.join(dir, name)));
  return present ? dir : null;
}

/** The server's version line (`svix-server 1.100.0`), for the report. */
export async function svixVersion(dir) {
  const { stdout } = await run(path.join(dir, 'svix-server'), ['--version'], { timeout: 10_000 });
  return stdout.trim();
}

/** The pids whose parent is `parent` (a Postgres postmaster's backends), read from /proc. */
function childrenOf(parent) {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) {
        pids.push(Number(entry));
      }
    } catch {
      // The process ended between readdir and read.
    }
  }
  return pids;
}

/** A redis-server for Svix's durable queue (the backlog scenario needs its API and worker apart). */
export class RedisQueue {
  static available() {
    return (
      ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((file) => fs.existsSync(file)) ?? null
    );
  }

  constructor(binary, logFile) {
    this.binary = binary;
    this.logFile = logFile;
    this.child = null;
    this.port = null;
  }

  async start() {
    this.port = await freePort();
    const log = fs.openSync(this.logFile, 'a');
    this.child = spawn(
      this.binary,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', log, log] },
    );
    fs.closeSync(log);
    const ready = await waitFor(
      async () => {
        const { stdout } = await run('redis-cli', ['-p', String(this.port), 'ping'], {
          timeout: 2_000,
        }).catch(() => ({ stdout: '' }));
        return stdout.trim() === 'PONG' || null;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    if (!ready) {
      throw new Error(`redis-server did not answer on port ${this.port}; see ${this.logFile}`);
    }
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid() {
    return this.child?.pid ?? null;
  }

  async stop() {
    if (!this.child || this.child.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000)]);
  }
}

/** One Svix server (and its Postgres) started by the peer's own script, with a client for its API. */
export class SvixPeer {
  constructor({ dir, stateDir, log }) {
    this.dir = dir;
    this.stateDir = stateDir;
    this.log = log;
    this.url = null;
    this.token = null;
    this.pid = null;
    this.pgPid = null;
    this.pool = null;
  }

  /**
   * Starts it; `queue` is `memory` (API and worker in one process, the default deployment) or a Redis DSN,
   * `worker: false` runs the API alone (messages wait in the queue).
   */
  async start({ queue = 'memory', worker = true } = {}) {
    const port = await freePort();
    const pgPort = await freePort();
    const env = {
      ...process.env,
      SVIX_PORT: String(port),
      SVIX_PG_PORT: this.pgPort ? String(this.pgPort) : String(pgPort),
      SVIX_QUEUE_TYPE: queue === 'memory' ? 'memory' : 'redis',
      ...(queue === 'memory' ? {} : { SVIX_REDIS_DSN: queue }),
      SVIX_WORKER_ENABLED: String(worker),
      RUST_LOG: 'warn',
    };
    this.pgPort ??= pgPort;
    fs.mkdirSync(this.stateDir, { recursive: true });
    const { stdout } = await run('bash', [path.join(this.dir, 'start.sh'), this.stateDir], {
      env,
      timeout: 180_000,
    });
    const values = Object.fromEntries(
      stdout
        .split('\n')
        .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
        .filter(Boolean)
        .map((match) => [match[1], match[2]]),
    );
    if (!values.SVIX_URL || !values.SVIX_TOKEN) {
      throw new Error(`svix start.sh printed no URL or token: ${stdout.slice(0, 500)}`);
    }
    this.url = values.SVIX_URL;
    this.token = values.SVIX_TOKEN;
    this.pid = Number(values.SVIX_PID);
    this.pgPid = Number(values.PG_PID);
    this.pool = new Pool(this.url, { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 });
    this.log(`peers: svix ${this.url} (queue ${env.SVIX_QUEUE_TYPE}, worker ${worker ? 'on' : 'off'})`);
  }

  /** Stops the server and its Postgres (the data stays in the state folder for a restart). */
  async stop() {
    await this.pool?.close().catch(() => undefined);
    this.pool = null;
    await run('bash', [path.join(this.dir, 'stop.sh'), this.stateDir], { timeout: 60_000 }).catch((error) =>
      this.log(`peers: svix stop.sh: ${error.message}`),
    );
    this.pid = null;
    this.pgPid = null;
  }

  /** The pids of its Postgres (postmaster and backends), for the sampler. */
  postgresPids() {
    return this.pgPid ? [this.pgPid, ...childrenOf(this.pgPid)] : [];
  }

  async #call(method, route, body, expect) {
    const { statusCode, body: stream } = await this.pool.request({
      method,
      path: `/api/v1${route}`,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    const text = await stream.text();
    if (expect && !expect.includes(statusCode)) {
      throw new Error(`svix ${method} ${route} answered ${statusCode}: ${text.slice(0, 300)}`);
    }
    return { status: statusCode, body: text ? JSON.parse(text) : null };
  }

  async createApp(name) {
    return (await this.#call('POST', '/app/', { name }, [201])).body.id;
  }

  async createEventType(name) {
    await this.#call('POST', '/event-type/', { name, description: `bench ${name}` }, [201, 409]);
  }

  /** An endpoint and its signing secret (`whsec_…`). */
  async createEndpoint(app, { url, channels }) {
    const created = await this.#call(
      'POST',
      `/app/${app}/endpoint/`,
      { url, ...(channels ? { channels } : {}) },
      [201],
    );
    const secret = await this.#call(
      'GET',
      `/app/${app}/endpoint/${created.body.id}/secret/`,
      undefined,
      [200],
    );
    return { id: created.body.id, secret: secret.body.key };
  }

  /** One message; resolves its id once accepted (202), or null when refused. */
  async send(app, { eventType, payload, channels }) {
    const { status, body } = await this.#call('POST', `/app/${app}/msg/`, {
      eventType,
      payload,
      ...(channels ? { channels } : {}),
    });
    return status === 202 ? body.id : null;
  }
}
