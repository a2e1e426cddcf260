#!/usr/bin/env node
import { InfraError, ensureInfra, infraStatus, stopInfra } from './index.mjs';

const USAGE = `Usage: node tools/infra/cli.mjs <up|status|down> [kafka|postgres]

  up      start Kafka and Postgres (or reuse running/external ones), create topics;
          prints KAFKA_BROKERS=... and DATABASE_URL=... on stdout
  status  show what runs, ports, pids and log files (exit 3 when something is down)
  down    stop the Kafka broker and Postgres cluster that tools/infra started

  With kafka or postgres, up and down act on that component only.`;

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

async function up(only) {
  const startedAt = Date.now();
  const result = await ensureInfra({ only });
  const states = Object.entries(result.started)
    .filter(([, started]) => started !== undefined)
    .map(([name, started]) => `${name} ${started ? 'started' : 'already running'}`);
  console.error(`[infra] ready in ${seconds(startedAt)} (${states.join(', ')})`);
  if (result.kafkaBrokers) {
    console.log(`KAFKA_BROKERS=${result.kafkaBrokers}`);
  }
  if (result.databaseUrl) {
    console.log(`DATABASE_URL=${result.databaseUrl}`);
  }
  return 0;
}

function printService(name, service, details) {
  const state = service.reachable ? 'up' : service.pid ? 'starting or unresponsive' : 'down';
  const owner = service.managed ? 'managed by tools/infra' : 'external';
  console.log(`${name}: ${state} (${owner})`);
  for (const [label, value] of details) {
    if (value !== undefined && value !== null) {
      console.log(`  ${label.padEnd(11)} ${value}`);
    }
  }
}

async function status() {
  const { stateDir, kafka, postgres } = await infraStatus();
  printService('Kafka', kafka, [
    ['brokers', kafka.brokers],
    ['controller', kafka.controllerPort && `127.0.0.1:${kafka.controllerPort}`],
    ['pid', kafka.pid],
    ['log', kafka.logFile],
    ['data', kafka.dataDir],
    ['jars', kafka.libsDir],
  ]);
  printService('Postgres', postgres, [
    ['url', postgres.databaseUrl],
    ['pid', postgres.pid],
    ['log', postgres.logFile],
    ['data', postgres.dataDir],
  ]);
  console.log(`State dir: ${stateDir}`);
  return kafka.reachable && postgres.reachable ? 0 : 3;
}

async function down(only) {
  await stopInfra({ only });
  return 0;
}

const commands = { up, status, down };

async function main() {
  const command = commands[process.argv[2]];
  if (!command) {
    console.error(USAGE);
    return 2;
  }
  return command(process.argv[3]);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof InfraError ? `[infra] error: ${error.message}` : (error.stack ?? error));
    process.exit(1);
  },
);
