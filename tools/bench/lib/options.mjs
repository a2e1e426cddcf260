// Command line and the two run profiles (full, --quick). Every count and duration the scenarios use is here.

export const SCENARIOS = [
  'steady',
  'max',
  'scale',
  'fanout',
  'degraded',
  'backlog',
  'backfill',
  'ingest',
  'projection',
  'peers',
];
export const PEERS = ['svix'];

const FULL = {
  steady: { rates: [250, 500, 1000], endpoints: 10, durationS: 15, drainTimeoutS: 60 },
  max: { events: 20_000, endpoints: 10, drainTimeoutS: 120 },
  scale: { events: 20_000, endpoints: 10 },
  fanout: { webhooks: 50, rate: 40, durationS: 15, drainTimeoutS: 90 },
  degraded: {
    webhooks: 20,
    failing: 2,
    hanging: 1,
    rate: 500,
    durationS: 20,
    hangMs: 30_000,
    drainTimeoutS: 180,
  },
  backlog: { events: 100_000, endpoints: 10, drainTimeoutS: 420 },
  backfill: {
    endpoints: 10,
    liveRate: 200,
    durationS: 15,
    drainTimeoutS: 120,
    pastEvents: 10_000,
    ratePerSecond: 500,
  },
  ingest: { durationS: 15, connections: 64, batchConnections: 8, batchSize: 100 },
  projection: { events: 100_000, storedTarget: 1_000_000, listRequests: 1_000, drainTimeoutS: 240 },
};

// The quick profile shortens durations and counts; a setting it does not name is the full profile's.
const QUICK = quickened({
  steady: { durationS: 2, drainTimeoutS: 30 },
  max: { events: 4_000, drainTimeoutS: 60 },
  scale: { events: 3_000 },
  fanout: { rate: 10, durationS: 4, drainTimeoutS: 45 },
  degraded: { durationS: 4, drainTimeoutS: 90 },
  backlog: { events: 5_000, drainTimeoutS: 120 },
  backfill: { durationS: 3, pastEvents: 2_000, ratePerSecond: 400, drainTimeoutS: 60 },
  ingest: { durationS: 3, connections: 32 },
  projection: { events: 10_000, storedTarget: 50_000, listRequests: 100, drainTimeoutS: 120 },
});

function quickened(changes) {
  return Object.fromEntries(
    Object.entries(FULL).map(([name, settings]) => [name, { ...settings, ...changes[name] }]),
  );
}

const USAGE = `Usage: node tools/bench/run.mjs [--quick] [--scenario name,...] [options]

  --quick              short durations and small counts (whole run < 3 min on a quiet machine)
  --scenario a,b       run only these scenarios: ${SCENARIOS.join(', ')}
  --peers svix         run the steady, max, fan-out and backlog loads against these servers too (scenario
                       "peers"; the full run includes it whenever a Svix binary is found, see docs/benchmarks.md)
  --no-raw             skip the raw kafkajs → undici baseline
  --no-build           use dist/ as it is, even if the sources are newer
  --no-report          write the report only into tmp/bench/<run>/, not into docs/
  --write-report       write docs/ even though --scenario left some scenarios out
  --env KEY=VALUE      extra environment for the four services (repeatable), e.g. to try a setting;
                       the report lists it under the conditions
  --shared-kafka       use the shared tools/infra broker instead of a private one for this run
                       (pollutes hookline.attempts.v1 for everyone; see docs/benchmarks.md)
  --help

Environment: HOOKLINE_BENCH_PROFILE=1 adds --cpu-prof to delivery, ingest and audit-projection
(profiles in tmp/profiles, summarised at the end); KAFKA_BROKERS / DATABASE_URL use external services.`;

export function parseOptions(argv) {
  const options = {
    quick: false,
    scenarios: [...SCENARIOS],
    raw: true,
    build: true,
    report: true,
    forceReport: false,
    sharedKafka: false,
    serviceEnv: {},
    peers: null,
    profile: ['1', 'true', 'yes'].includes(String(process.env.HOOKLINE_BENCH_PROFILE ?? '').toLowerCase()),
  };
  let scenarioList = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    switch (flag) {
      case '--quick':
        options.quick = true;
        break;
      case '--scenario':
      case '--scenarios': {
        const value = inline ?? argv[++index];
        if (!value) {
          throw new UsageError(`${flag} needs a comma-separated list`);
        }
        const names = value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
        const unknown = names.filter((name) => !SCENARIOS.includes(name));
        if (unknown.length > 0) {
          throw new UsageError(`unknown scenario(s): ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
        }
        options.scenarios = SCENARIOS.filter((name) => names.includes(name));
        scenarioList = true;
        break;
      }
      case '--peers': {
        const value = inline ?? argv[++index];
        const names = (value ?? '')
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
        const unknown = names.filter((name) => !PEERS.includes(name));
        if (names.length === 0 || unknown.length > 0) {
          throw new UsageError(`--peers takes a comma-separated list of: ${PEERS.join(', ')}`);
        }
        options.peers = names;
        break;
      }
      case '--no-raw':
        options.raw = false;
        break;
      case '--no-build':
        options.build = false;
        break;
      case '--no-report':
        options.report = false;
        break;
      case '--env': {
        const value = inline ?? argv[++index];
        const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/s.exec(value ?? '');
        if (!match) {
          throw new UsageError(`--env needs KEY=VALUE, got ${value}`);
        }
        options.serviceEnv[match[1]] = match[2];
        break;
      }
      case '--write-report':
        options.forceReport = true;
        break;
      case '--shared-kafka':
        options.sharedKafka = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new UsageError(`unknown argument ${arg}\n\n${USAGE}`);
    }
  }
  options.profileName = options.quick ? 'quick' : 'full';
  // Peers run when asked for; the full run adds them when a peer is installed (run.mjs decides, it knows where).
  if (options.peers && !options.scenarios.includes('peers')) {
    options.scenarios.push('peers');
  }
  if (!options.peers && options.quick && !scenarioList) {
    options.scenarios = options.scenarios.filter((name) => name !== 'peers');
  }
  // A run of some scenarios only does not replace the published report unless asked to.
  const complete = SCENARIOS.every((name) => name === 'peers' || options.scenarios.includes(name));
  options.publish = options.report && (options.forceReport || complete);
  options.settings = structuredClone(options.quick ? QUICK : FULL);
  return options;
}

export class UsageError extends Error {}
