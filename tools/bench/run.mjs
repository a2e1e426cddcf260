// `npm run bench` / `node tools/bench/run.mjs [--quick] [--scenario a,b]`: Hookline's performance figures next to
// a raw kafkajs → undici pipeline on the same broker. Brings up Kafka and Postgres (tools/infra), a throwaway
// database, the four services from dist/, a receiver and the raw pipeline (child processes), runs the scenarios,
// writes docs/benchmarks.md, docs/benchmarks/latest.json and the latency chart, and tears down what it started.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ChildWorker } from './lib/child.mjs';
import { HooklineApi } from './lib/hookline-api.mjs';
import { bringUpInfra } from './lib/infra.mjs';
import { BenchKafka } from './lib/kafka.mjs';
import { RawPipeline } from './lib/measure.mjs';
import { UsageError, parseOptions } from './lib/options.mjs';
import { BenchPlatform, loadContracts } from './lib/platform.mjs';
import { ProcessSampler } from './lib/process-sampler.mjs';
import { counterDeltas, readCounters } from './lib/service-counters.mjs';
import { ROOT, Service, buildIfStale, platformEnv, runMigrations, serviceToken } from './lib/services.mjs';
import { describeMachine } from './report/machine.mjs';
import { summarizeProfiles } from './report/profile-summary.mjs';
import { writeReport } from './report/write-report.mjs';
import { runBackfill } from './scenarios/backfill.mjs';
import { runBacklog } from './scenarios/backlog.mjs';
import { runDegraded } from './scenarios/degraded.mjs';
import { runFanout } from './scenarios/fanout.mjs';
import { runIngest } from './scenarios/ingest.mjs';
import { svixDirectory } from './lib/svix-peer.mjs';
import { runMax } from './scenarios/max.mjs';
import { runPeers } from './scenarios/peers.mjs';
import { runProjection } from './scenarios/projection.mjs';
import { runScale } from './scenarios/scale.mjs';
import { runSteady } from './scenarios/steady.mjs';

const RUNNERS = {
  steady: runSteady,
  max: runMax,
  scale: runScale,
  fanout: runFanout,
  degraded: runDegraded,
  backlog: runBacklog,
  backfill: runBackfill,
  ingest: runIngest,
  projection: runProjection,
  peers: runPeers,
};

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const runStartedAt = Date.now();
const log = (line) =>
  console.log(`[bench +${((Date.now() - runStartedAt) / 1000).toFixed(0).padStart(3)}s] ${line}`);

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.scenarios.includes('peers') && !options.peers) {
    // The full run compares with every peer that is installed here; without one it says so and goes on.
    options.peers = svixDirectory(ROOT) ? ['svix'] : [];
    if (options.peers.length === 0) {
      options.scenarios = options.scenarios.filter((name) => name !== 'peers');
      console.log('no Svix binary found (HOOKLINE_BENCH_SVIX_DIR): the run has no peers scenario');
    }
  }
  const runId = `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}_${process.pid}`;
  const runDir = path.join(ROOT, 'tmp/bench', runId);
  fs.mkdirSync(runDir, { recursive: true });
  log(
    `run ${runId} (${options.profileName}; scenarios: ${options.scenarios.join(', ')}); logs in ${path.relative(ROOT, runDir)}`,
  );

  const cleanups = [];
  let interrupted = false;
  let cleaning = null;
  // One teardown, however many callers (the run's own finally, a signal) ask for it.
  const cleanUp = () =>
    (cleaning ??= (async () => {
      while (cleanups.length > 0) {
        const step = cleanups.pop();
        try {
          await step();
        } catch (error) {
          log(`teardown: ${error.message}`);
        }
      }
    })());
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (interrupted) {
        return;
      }
      interrupted = true;
      log(`${signal}: tearing down (services, receiver, raw pipeline, database, private broker)`);
      cleanUp().finally(() => process.exit(130));
    });
  }

  const results = {
    meta: {
      runId,
      date: new Date().toISOString(),
      mode: options.profileName,
      scenarios: options.scenarios,
      raw: options.raw,
      peers: options.peers ?? [],
      profile: options.profile,
      settings: options.settings,
      serviceEnvOverrides: options.serviceEnv,
      loadAverageAtStart: os.loadavg().map((value) => Number(value.toFixed(2))),
    },
    scenarios: {},
    errors: {},
  };
  try {
    results.meta.build = buildIfStale({ build: options.build, log });
    const infra = await bringUpInfra({
      runId,
      sharedKafka: options.sharedKafka,
      log,
      register: (step) => cleanups.push(step),
    });
    log(`infra: Kafka ${infra.kafkaBrokers} (${infra.mode}), database ${infra.databaseName}`);

    const env = {
      ...platformEnv({ runId, kafkaBrokers: infra.kafkaBrokers, databaseUrl: infra.databaseUrl }),
      ...options.serviceEnv,
    };
    await runMigrations(env, runDir);
    const services = Object.fromEntries(
      ['subscription', 'ingest', 'audit', 'delivery'].map((key) => [
        key,
        new Service(key, { env, logDir: runDir, profile: options.profile, runId }),
      ]),
    );
    cleanups.push(() => Promise.all(Object.values(services).map((service) => service.stop())));
    for (const service of Object.values(services)) {
      await service.start();
    }
    await Promise.all(Object.values(services).map((service) => service.waitUntilReady()));
    log(
      `services ready: ${Object.values(services)
        .map((service) => `${service.app} ${service.url}`)
        .join(', ')}`,
    );

    const receiver = new ChildWorker('receiver', path.join(ROOT, 'tools/bench/lib/receiver-process.mjs'), {
      logFile: path.join(runDir, 'receiver.log'),
    });
    cleanups.push(() => receiver.stop());
    const rawWorker = options.raw
      ? new ChildWorker('raw-pipeline', path.join(ROOT, 'tools/bench/lib/raw-pipeline-process.mjs'), {
          logFile: path.join(runDir, 'raw-pipeline.log'),
          env: { KAFKAJS_NO_PARTITIONER_WARNING: '1' },
        })
      : null;
    if (rawWorker) {
      cleanups.push(() => rawWorker.stop());
    }

    const kafka = new BenchKafka(infra.kafkaBrokers);
    await kafka.connect();
    cleanups.push(() => kafka.disconnect());
    const db = new pg.Pool({ connectionString: infra.databaseUrl, max: 2 });
    cleanups.push(() => db.end());
    const api = new HooklineApi({
      subscriptionUrl: services.subscription.url,
      ingestUrl: services.ingest.url,
      auditUrl: services.audit.url,
      adminToken: env.ADMIN_TOKEN,
      serviceToken: serviceToken(env),
    });
    cleanups.push(() => api.close());

    const postgresPids = { list: [], refreshedAt: 0 };
    const refreshPostgresPids = async () => {
      const { rows } = await db.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
      postgresPids.list = rows.map((row) => row.pid);
    };
    await refreshPostgresPids();
    const pidRefresher = setInterval(() => refreshPostgresPids().catch(() => undefined), 2_000);
    cleanups.push(() => clearInterval(pidRefresher));
    const sampler = new ProcessSampler();
    for (const service of Object.values(services)) {
      sampler.track(service.app, () => [service.pid]);
    }
    sampler.track('receiver', () => [receiver.pid]);
    if (rawWorker) {
      sampler.track('raw-pipeline', () => [rawWorker.pid]);
    }
    sampler.track('bench (load generator)', () => [process.pid]);
    if (infra.kafkaPid) {
      sampler.track(`kafka broker${infra.mode === 'private' ? '' : ' (shared)'}`, () => [infra.kafkaPid]);
    }
    sampler.track('postgres (this database)', () => postgresPids.list);
    sampler.start();
    cleanups.push(() => sampler.stop());

    const contracts = loadContracts();
    const ctx = {
      runId,
      runDir,
      settings: options.settings,
      log,
      env,
      infra,
      services,
      api,
      receiver,
      kafka,
      db,
      sampler,
      contracts,
      peers: options.peers ?? [],
      raw: rawWorker ? new RawPipeline(rawWorker, { brokers: infra.kafkaBrokers, runId }) : null,
      platform: new BenchPlatform({ api, receiver, contracts, log }),
    };
    results.meta.environment = await describeMachine({ db, infra });

    for (const name of options.scenarios) {
      if (interrupted) {
        break;
      }
      const startedAt = Date.now();
      log(`— ${name} —`);
      try {
        const countersBefore = await readCounters(services.delivery.url);
        results.scenarios[name] = await RUNNERS[name](ctx);
        results.scenarios[name].seconds = Math.round((Date.now() - startedAt) / 1000);
        results.scenarios[name].deliveryCounters = counterDeltas(
          countersBefore,
          await readCounters(services.delivery.url),
        );
      } catch (error) {
        log(`${name} failed: ${error.stack ?? error.message}`);
        results.errors[name] = error.message;
      }
    }
    results.meta.receiver = await receiver.call('totals');
    // The services' own counters (Prometheus text), kept with the run's logs for digging into a result.
    for (const service of Object.values(services)) {
      const text = await fetch(`${service.url}/metrics`, { signal: AbortSignal.timeout(5_000) })
        .then((response) => response.text())
        .catch((error) => `# unavailable: ${error.message}\n`);
      fs.writeFileSync(path.join(runDir, `${service.app}.metrics.txt`), text);
    }
    results.meta.lifetimePeakRssMb = sampler.lifetimePeaks();
  } catch (error) {
    log(`run failed: ${error.stack ?? error.message}`);
    results.errors.run = error.message;
  } finally {
    log('tearing down');
    await cleanUp();
  }
  results.meta.loadAverageAtEnd = os.loadavg().map((value) => Number(value.toFixed(2)));
  results.meta.seconds = Math.round((Date.now() - runStartedAt) / 1000);
  if (options.profile) {
    results.profile = summarizeProfiles({ runId, log });
  }

  const resultFile = path.join(runDir, 'results.json');
  fs.writeFileSync(resultFile, `${JSON.stringify(results, null, 2)}\n`);
  log(`results: ${path.relative(ROOT, resultFile)}`);
  if (Object.keys(results.scenarios).length > 0) {
    await writeReport(results, { log, outDir: runDir, publish: options.publish });
  }
  log(
    `done in ${results.meta.seconds}s${Object.keys(results.errors).length ? ` with errors: ${Object.keys(results.errors).join(', ')}` : ''}`,
  );
  process.exitCode = Object.keys(results.errors).length > 0 ? 1 : 0;
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error.stack ?? error.message);
  process.exit(1);
});
