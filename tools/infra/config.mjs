import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const INFRA_DIR = path.dirname(fileURLToPath(import.meta.url));
export const KAFKA_VERSION = '4.1.1';

const intFromEnv = (env, name, fallback) => {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number.parseInt(raw, 10);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
};

export function loadConfig(env = process.env) {
  const home = os.homedir();
  const cacheDir = env.HOOKLINE_CACHE_DIR || path.join(home, '.cache', 'hookline');
  const stateDir = env.HOOKLINE_STATE_DIR || path.join(home, '.cache', 'hookline', 'state');
  const kafkaDir = path.join(stateDir, 'kafka');
  const kafkaPort = intFromEnv(env, 'KAFKA_PORT', 19092);
  const controllerPort = intFromEnv(env, 'KAFKA_CONTROLLER_PORT', 19093);
  const pgPort = intFromEnv(env, 'PGPORT', 55432);

  return {
    stateDir,
    lockFile: path.join(stateDir, 'infra.lock'),
    timeoutMs: intFromEnv(env, 'HOOKLINE_INFRA_TIMEOUT_MS', 120_000),
    topicsFile: env.HOOKLINE_TOPICS_FILE || path.join(INFRA_DIR, 'topics.json'),
    kafka: {
      externalBrokers: env.KAFKA_BROKERS || null,
      brokers: `127.0.0.1:${kafkaPort}`,
      port: kafkaPort,
      controllerPort,
      javaHome: env.JAVA_HOME || null,
      extraJvmOptions: (env.HOOKLINE_KAFKA_JVM_OPTS ?? '').split(/\s+/).filter(Boolean),
      pomFile: path.join(INFRA_DIR, 'kafka', 'pom.xml'),
      log4jFile: path.join(INFRA_DIR, 'kafka', 'log4j2.properties'),
      libsDir: path.join(cacheDir, `kafka-${KAFKA_VERSION}`, 'libs'),
      dir: kafkaDir,
      dataDir: path.join(kafkaDir, 'data'),
      configFile: path.join(kafkaDir, 'server.properties'),
      logFile: path.join(kafkaDir, 'server.log'),
      pidFile: path.join(kafkaDir, 'kafka.pid'),
    },
    postgres: {
      externalUrl: env.DATABASE_URL || null,
      port: pgPort,
      binDir: env.HOOKLINE_PG_BIN || null,
      rootDir: env.HOOKLINE_PG_DIR || null,
      defaultRootDir: path.join(stateDir, 'postgres'),
      // Used when running as root and the postgres OS user cannot traverse
      // into stateDir (e.g. /root is mode 0700).
      rootFallbackDir: '/var/lib/hookline/postgres',
      user: 'hookline',
      password: 'hookline',
      database: 'hookline',
    },
  };
}
