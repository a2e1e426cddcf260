// The four services, run from dist/ as child processes (as tools/dev/start.mjs does), plus the build check.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, sleep } from './util.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PROFILE_EXIT = path.join(ROOT, 'tools/bench/lib/profile-exit.cjs');
export const PROFILE_DIR = path.join(ROOT, 'tmp/profiles');

export const APPS = {
  subscription: 'subscription-service',
  ingest: 'event-ingest-service',
  audit: 'audit-projection-service',
  delivery: 'delivery-service',
};
const PROFILED = new Set(['delivery', 'ingest', 'audit']);

function walk(dir, visit) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      walk(full, visit);
    } else {
      visit(full);
    }
  }
}

/** Source files of the build (tsconfig.build.json) newer than their compiled output, or without one. */
export function staleSources() {
  const stale = [];
  for (const top of ['apps', 'libs']) {
    for (const project of fs.readdirSync(path.join(ROOT, top))) {
      if (top === 'libs' && project === 'testing') {
        continue;
      }
      const src = path.join(ROOT, top, project, 'src');
      if (!fs.existsSync(src)) {
        continue;
      }
      walk(src, (file) => {
        if (!file.endsWith('.ts') || /\.(spec|int-spec|e2e-spec)\.ts$/.test(file) || file.endsWith('.d.ts')) {
          return;
        }
        const output = path.join(ROOT, 'dist/out-tsc', path.relative(ROOT, file)).replace(/\.ts$/, '.js');
        const compiled = fs.statSync(output, { throwIfNoEntry: false });
        if (!compiled || compiled.mtimeMs < fs.statSync(file).mtimeMs) {
          stale.push(path.relative(ROOT, file));
        }
      });
    }
  }
  return stale;
}

export function buildIfStale({ build, log }) {
  const stale = staleSources();
  if (stale.length === 0) {
    log('build: dist/ is up to date');
    return { built: false };
  }
  if (!build) {
    log(
      `build: ${stale.length} source file(s) newer than dist/ (e.g. ${stale[0]}), but --no-build was given`,
    );
    return { built: false, staleFiles: stale.length };
  }
  log(`build: ${stale.length} source file(s) newer than dist/ (e.g. ${stale[0]}); npm run build`);
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(
      `npm run build failed (exit ${result.status ?? result.signal}); fix the build or pass --no-build`,
    );
  }
  return { built: true };
}

export function platformEnv({ runId, kafkaBrokers, databaseUrl }) {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    KAFKA_BROKERS: kafkaBrokers,
    DATABASE_URL: databaseUrl,
    ADMIN_TOKEN: `adm_${randomBytes(24).toString('base64url')}`,
    SECRETS_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    INGEST_SERVICE_TOKENS: `bench:svc_${randomBytes(24).toString('base64url')}`,
    DELIVERY_CONSUMER_GROUP: `hookline-delivery-bench-${runId}`,
    AUDIT_CONSUMER_GROUP: `hookline-audit-bench-${runId}`,
    DELIVERY_START_FROM: 'latest',
    ALLOW_INSECURE_URLS: 'true',
    EGRESS_ALLOW_CIDRS: '127.0.0.0/8,::1/128',
    // The ingest scenario sends with one credential from one address: at the production limits (2,500
    // and 5,000 requests/s) it would measure the limiter, not the service.
    ...BENCH_RATE_LIMITS,
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
}

/** Per-credential and per-address request limits of the bench's services, above any load it offers. */
export const BENCH_RATE_LIMITS = {
  RATE_LIMIT_PER_KEY_PER_SECOND: '100000',
  RATE_LIMIT_PER_IP_PER_SECOND: '100000',
};

export function serviceToken(env) {
  return env.INGEST_SERVICE_TOKENS.split(':')[1];
}

function runNode(args, env, logFile) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.at(-1)} exited ${code}; see ${logFile}`)),
    );
  });
}

export async function runMigrations(env, logDir) {
  for (const app of Object.values(APPS)) {
    const entry = `dist/out-tsc/apps/${app}/src/migrate.js`;
    if (!fs.existsSync(path.join(ROOT, entry))) {
      continue;
    }
    await runNode(['-r', './tools/runtime/register.js', entry], env, path.join(logDir, `${app}.migrate.log`));
  }
}

export class Service {
  #child = null;
  #exited = null;
  #starts = 0;

  constructor(key, { env, logDir, profile, runId }) {
    this.key = key;
    this.app = APPS[key];
    this.env = env;
    this.logFile = path.join(logDir, `${this.app}.log`);
    this.profile = profile && PROFILED.has(key);
    this.runId = runId;
    this.port = null;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid() {
    return this.running ? this.#child.pid : null;
  }

  get running() {
    return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  async start() {
    this.port ??= await freePort();
    this.#starts += 1;
    const args = [];
    if (this.profile) {
      fs.mkdirSync(PROFILE_DIR, { recursive: true });
      args.push(
        '--cpu-prof',
        `--cpu-prof-dir=${PROFILE_DIR}`,
        `--cpu-prof-name=${this.app}.${this.runId}.${this.#starts}.cpuprofile`,
        '-r',
        PROFILE_EXIT,
      );
    }
    args.push('-r', './tools/runtime/register.js', `dist/out-tsc/apps/${this.app}/src/main.js`);
    const out = fs.openSync(this.logFile, 'a');
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('exit', resolve));
  }

  async waitUntilReady(timeoutMs = 90_000) {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(`${this.app} exited during start-up; see ${this.logFile}`);
      }
      try {
        const response = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) {
          return;
        }
        last = `${response.status} ${(await response.text()).slice(0, 300)}`;
      } catch (error) {
        last = error.message;
      }
      await sleep(250);
    }
    throw new Error(`${this.app} not ready after ${timeoutMs / 1000}s (${last}); see ${this.logFile}`);
  }

  /** SIGTERM (graceful, commits what it finished), SIGKILL after 20 s. */
  async stop() {
    if (!this.running) {
      return;
    }
    const child = this.#child;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await this.#exited;
    clearTimeout(timer);
  }
}
