import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

import { describeCluster, isKafkaReachable } from './kafka-client.mjs';
import {
  InfraError,
  describeLogTail,
  fileExists,
  isPortInUse,
  isRunning,
  isRunningAs,
  pollUntil,
  readPid,
  run,
  sleep,
} from './process.mjs';

const MARKER_FILE = '.hookline-complete';
const STOP_TIMEOUT_MS = 30_000;

// Small fixed heap and SerialGC: a single dev/test broker, where JVM start-up
// time and footprint matter more than GC pause tuning.
const JVM_FLAGS = [
  '-Xms256m',
  '-Xmx512m',
  '-XX:+UseSerialGC',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
];

const isLocal = (cfg, brokers) => brokers === cfg.brokers || brokers === `localhost:${cfg.port}`;

const javaBin = (cfg) => (cfg.javaHome ? path.join(cfg.javaHome, 'bin', 'java') : 'java');

/** PID of the broker we started, if that process is still a running Kafka. */
export async function runningKafkaPid(cfg) {
  const pid = await readPid(cfg.pidFile);
  return isRunningAs(pid, 'kafka.Kafka') ? pid : null;
}

/**
 * Makes a broker available: an external KAFKA_BROKERS, a broker already
 * listening on the local port, or a freshly started one.
 */
export async function ensureKafka(cfg, { log, timeoutMs }) {
  if (cfg.externalBrokers && !isLocal(cfg, cfg.externalBrokers)) {
    if (await isKafkaReachable(cfg.externalBrokers, 5000)) {
      log(`Kafka: using KAFKA_BROKERS=${cfg.externalBrokers}`);
      return { brokers: cfg.externalBrokers, started: false, external: true };
    }
    throw new InfraError(
      `KAFKA_BROKERS=${cfg.externalBrokers} is set but no broker answered describeCluster there. Unset it to use the embedded broker.`,
    );
  }

  const pid = await runningKafkaPid(cfg);
  if (await isKafkaReachable(cfg.brokers)) {
    log(
      pid
        ? `Kafka: already running on ${cfg.brokers} (pid ${pid})`
        : `Kafka: a broker already answers on ${cfg.brokers} (not started by tools/infra)`,
    );
    return { brokers: cfg.brokers, started: false, pid };
  }
  if (pid) {
    log(`Kafka: pid ${pid} is running but not answering yet, waiting`);
    await waitForKafka(cfg, pid, timeoutMs);
    return { brokers: cfg.brokers, started: false, pid };
  }

  await checkPortsFree(cfg);
  const java = await checkJava(cfg);
  await ensureKafkaLibs(cfg, log);
  await writeServerConfig(cfg);
  await formatStorage(cfg, java, log);
  const startedAt = Date.now();
  const newPid = await spawnBroker(cfg, java);
  log(`Kafka: started pid ${newPid}, waiting for ${cfg.brokers} (log: ${cfg.logFile})`);
  await waitForKafka(cfg, newPid, timeoutMs);
  log(`Kafka: ready after ${((Date.now() - startedAt) / 1000).toFixed(1)}s`);
  return { brokers: cfg.brokers, started: true, pid: newPid };
}

async function checkPortsFree(cfg) {
  for (const [name, port] of [
    ['KAFKA_PORT', cfg.port],
    ['KAFKA_CONTROLLER_PORT', cfg.controllerPort],
  ]) {
    if (await isPortInUse(port)) {
      throw new InfraError(
        `Cannot start Kafka: 127.0.0.1:${port} is taken by another process that is not a reachable Kafka broker; free it or set ${name}`,
      );
    }
  }
}

async function checkJava(cfg) {
  const java = javaBin(cfg);
  const { code, stdout, stderr } = await run(java, ['-version']).catch((error) => {
    throw new InfraError(`Kafka needs Java 17+ (set JAVA_HOME or put java on PATH): ${error.message}`);
  });
  const match = /version "(\d+)(?:\.(\d+))?/.exec(stderr + stdout);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : 0;
  if (code !== 0 || major < 17) {
    throw new InfraError(
      `Kafka 4.x needs Java 17+, but \`${java} -version\` reported: ${(stderr + stdout).trim() || `exit ${code}`}`,
    );
  }
  return java;
}

async function pomHash(cfg) {
  return createHash('sha256')
    .update(await fsp.readFile(cfg.pomFile))
    .digest('hex');
}

/** Downloads the broker classpath with Maven once; re-downloads only when pom.xml changes. */
async function ensureKafkaLibs(cfg, log) {
  const hash = await pomHash(cfg);
  const marker = path.join(cfg.libsDir, MARKER_FILE);
  if ((await fsp.readFile(marker, 'utf8').catch(() => null)) === hash) {
    return;
  }

  const staging = `${cfg.libsDir}.partial-${process.pid}`;
  await fsp.rm(staging, { recursive: true, force: true });
  log(`Kafka: downloading broker jars with Maven into ${cfg.libsDir} (first run only)`);
  const startedAt = Date.now();
  const { code, stdout, stderr } = await run(
    'mvn',
    [
      '-q',
      '-B',
      '-Dstyle.color=never',
      '-f',
      cfg.pomFile,
      'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies',
      `-DoutputDirectory=${staging}`,
      '-DincludeScope=runtime',
    ],
    { cwd: path.dirname(cfg.pomFile) },
  ).catch((error) => {
    throw new InfraError(`Maven (mvn) is needed once to fetch the Kafka jars: ${error.message}`);
  });
  if (code !== 0) {
    await fsp.rm(staging, { recursive: true, force: true });
    throw new InfraError(
      `Maven failed to fetch the Kafka jars (exit ${code}) for ${cfg.pomFile}:\n${(stdout + stderr).trim()}`,
    );
  }
  await fsp.writeFile(path.join(staging, MARKER_FILE), hash);
  await fsp.rm(cfg.libsDir, { recursive: true, force: true });
  await fsp.rename(staging, cfg.libsDir);
  log(`Kafka: jars downloaded in ${((Date.now() - startedAt) / 1000).toFixed(1)}s`);
}

function serverProperties(cfg) {
  const settings = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${cfg.controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${cfg.port},CONTROLLER://127.0.0.1:${cfg.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${cfg.port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': cfg.dataDir,
    'num.partitions': 3,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': false,
    'log.retention.hours': 168,
    'message.max.bytes': 2 * 1024 * 1024,
    'replica.fetch.max.bytes': 2 * 1024 * 1024,
  };
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')
    .concat('\n');
}

async function writeServerConfig(cfg) {
  await fsp.mkdir(cfg.dataDir, { recursive: true });
  await fsp.writeFile(cfg.configFile, serverProperties(cfg));
}

/** Kafka's Uuid string form: URL-safe base64 of 16 random bytes, never starting with '-'. */
function newClusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) {
      return id;
    }
  }
}

async function formatStorage(cfg, java, log) {
  if (await fileExists(path.join(cfg.dataDir, 'meta.properties'))) {
    return;
  }
  const clusterId = newClusterId();
  log(`Kafka: formatting ${cfg.dataDir} (cluster id ${clusterId})`);
  const { code, stdout, stderr } = await run(java, [
    ...JVM_FLAGS,
    `-Dlog4j2.configurationFile=${cfg.log4jFile}`,
    '-cp',
    `${cfg.libsDir}/*`,
    'kafka.tools.StorageTool',
    'format',
    '--ignore-formatted',
    '-t',
    clusterId,
    '-c',
    cfg.configFile,
  ]);
  if (code !== 0) {
    throw new InfraError(
      `Formatting Kafka storage failed (exit ${code}), config ${cfg.configFile}:\n${(stdout + stderr).trim()}`,
    );
  }
}

async function rotateLog(file) {
  await fsp.rename(file, `${file}.1`).catch((error) => {
    if (error.code !== 'ENOENT') {
      throw error;
    }
  });
}

async function spawnBroker(cfg, java) {
  await rotateLog(cfg.logFile);
  const out = fs.openSync(cfg.logFile, 'a');
  try {
    const child = spawn(
      java,
      [
        ...JVM_FLAGS,
        ...cfg.extraJvmOptions,
        `-Dlog4j2.configurationFile=${cfg.log4jFile}`,
        `-Dkafka.logs.dir=${cfg.dir}`,
        '-cp',
        `${cfg.libsDir}/*`,
        'kafka.Kafka',
        cfg.configFile,
      ],
      { cwd: cfg.dir, detached: true, stdio: ['ignore', out, out] },
    );
    const pid = await new Promise((resolve, reject) => {
      child.once('spawn', () => resolve(child.pid));
      child.once('error', (error) =>
        reject(new InfraError(`Could not start Kafka (${java}): ${error.message}`)),
      );
    });
    child.unref();
    await fsp.writeFile(cfg.pidFile, `${pid}\n`);
    return pid;
  } finally {
    fs.closeSync(out);
  }
}

async function waitForKafka(cfg, pid, timeoutMs) {
  await pollUntil(
    async () => {
      if (!isRunning(pid)) {
        throw new InfraError(
          `Kafka (pid ${pid}) exited during start-up.\n${await describeLogTail(cfg.logFile)}`,
        );
      }
      const cluster = await describeCluster(cfg.brokers);
      return cluster.brokers.length > 0;
    },
    {
      timeoutMs,
      intervalMs: 300,
      describeTimeout: async (error) =>
        `Kafka (pid ${pid}) did not answer describeCluster on ${cfg.brokers} within ${timeoutMs / 1000}s` +
        ` (last error: ${error?.message ?? 'none'}).\n${await describeLogTail(cfg.logFile)}`,
    },
  );
}

export async function kafkaStatus(cfg) {
  if (cfg.externalBrokers && !isLocal(cfg, cfg.externalBrokers)) {
    return {
      managed: false,
      brokers: cfg.externalBrokers,
      reachable: await isKafkaReachable(cfg.externalBrokers),
    };
  }
  return {
    managed: true,
    brokers: cfg.brokers,
    pid: await runningKafkaPid(cfg),
    reachable: await isKafkaReachable(cfg.brokers),
    controllerPort: cfg.controllerPort,
    logFile: cfg.logFile,
    dataDir: cfg.dataDir,
    libsDir: cfg.libsDir,
  };
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch (error) {
    if (error.code === 'ESRCH') {
      return;
    }
    throw new InfraError(
      `Cannot send ${name} to Kafka pid ${pid}: ${error.message} (started by another user?)`,
    );
  }
}

/** Stops the broker we started: SIGTERM (controlled shutdown), SIGKILL after a deadline. */
export async function stopKafka(cfg, { log }) {
  const pid = await runningKafkaPid(cfg);
  if (!pid) {
    await fsp.rm(cfg.pidFile, { force: true });
    log('Kafka: not running (nothing started by tools/infra)');
    return false;
  }
  log(`Kafka: stopping pid ${pid}`);
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isRunning(pid) && Date.now() < deadline) {
    await sleep(200);
  }
  if (isRunning(pid)) {
    log(`Kafka: pid ${pid} ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000}s, sending SIGKILL`);
    signal(pid, 'SIGKILL');
  }
  await fsp.rm(cfg.pidFile, { force: true });
  log('Kafka: stopped');
  return true;
}
