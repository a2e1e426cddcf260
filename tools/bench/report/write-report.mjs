// Turns a run's results into docs/benchmarks.md, docs/benchmarks/latest.json and the latency chart.
// The hand-written analysis between the `analysis` markers of the existing docs/benchmarks.md is kept.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/services.mjs';
import { ratio } from '../lib/stats.mjs';
import { drawChart } from './chart.mjs';

const DOC = path.join(ROOT, 'docs/benchmarks.md');
const DATA_DIR = path.join(ROOT, 'docs/benchmarks');
const ANALYSIS_START = '<!-- analysis:start -->';
const ANALYSIS_END = '<!-- analysis:end -->';

const TARGETS = {
  sustained: 3_000,
  rawShare: 0.7,
  p99At500: 100,
  cpuPerEventAt500: 1.5,
  isolation: 1.5,
  fanoutOverPeer: 2,
  backlog: 3_000,
  singleIngest: 5_000,
  batchIngest: 20_000,
  peakRssMb: 200,
};

const num = (value, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value)
    ? '–'
    : Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const ms = (value) =>
  value === null || value === undefined ? '–' : value >= 100 ? num(value) : num(value, 1);
const yesNo = (value) => (value === null || value === undefined ? '–' : value ? 'yes' : '**no**');
const x = (value) => (value === null || value === undefined ? '–' : `${num(value, 2)}×`);

function table(headers, rows) {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/**
 * A table with a row a run, and a column a `[header, cell]`: the cell it shows of a run. A missing run (a
 * scenario run without the raw pipeline) has no row.
 */
function runTable(columns, runs) {
  return table(
    columns.map(([header]) => header),
    runs.filter(Boolean).map((run) => columns.map(([, cell]) => cell(run))),
  );
}

/** How many of the `expected` deliveries (the accepted events unless said) arrived, and whether all did. */
const deliveredColumns = (header = 'delivered', expected = (run) => run.accepted) => [
  [header, (run) => `${num(run.delivered)} / ${num(expected(run))}`],
  ['all', (run) => yesNo(run.allDelivered)],
];

/** A column a quantile of the run's latency (`latencyMs` unless `of` says), headed `<label><quantile> ms`. */
const latencyColumns = (quantiles, { label = '', of = (run) => run.latencyMs } = {}) =>
  quantiles.map((quantile) => [`${label}${quantile} ms`, (run) => ms(of(run)[quantile])]);

/** Hookline's `figure` over the raw pipeline's run (`rawOf` the row's run), on Hookline's rows when raw ran. */
const versusRaw = (header, rawOf, figure) => [
  header,
  (run) => {
    const raw = rawOf(run);
    return run.pipeline === 'hookline' && raw ? x(ratio(figure(run), figure(raw))) : '';
  },
];

/** CPU milliseconds the consuming process spent per delivery in the window (delivery-service / raw-pipeline). */
function cpuPerDelivery(run) {
  const name = run.pipeline === 'hookline' ? 'delivery-service' : 'raw-pipeline';
  const seconds = run.resources?.processes?.[name]?.cpuSeconds;
  return seconds === undefined || !run.delivered ? null : (seconds * 1000) / run.delivered;
}

/** The processes that are a pipeline's own (not the receiver, the load generator or the other pipeline). */
const PIPELINE_PROCESSES = {
  hookline: (name) =>
    name.endsWith('-service') || name.startsWith('kafka broker') || name === 'postgres (this database)',
  raw: (name) => name === 'raw-pipeline' || name.startsWith('kafka broker'),
  svix: (name) => name.includes('svix'),
};

/** CPU milliseconds all of a pipeline's processes spent per delivered event in the run's window. */
function pipelineCpuPerDelivery(run) {
  const processes = run?.resources?.processes;
  if (!processes || !run.delivered) {
    return null;
  }
  const own = PIPELINE_PROCESSES[run.pipeline];
  const seconds = Object.entries(processes)
    .filter(([name]) => own(name))
    .reduce((sum, [, figures]) => sum + figures.cpuSeconds, 0);
  return (seconds * 1000) / run.delivered;
}

/** The largest peak RSS among a pipeline's processes in the run's window, MB, and whose it was. */
function peakRss(run) {
  const processes = run?.resources?.processes;
  if (!processes) {
    return null;
  }
  const own = PIPELINE_PROCESSES[run.pipeline];
  const peaks = Object.entries(processes).filter(
    ([name]) => own(name) && !name.startsWith('kafka') && !name.startsWith('postgres'),
  );
  return peaks.length === 0
    ? null
    : peaks.reduce(
        (best, [name, figures]) => (figures.peakRssMb > best.mb ? { name, mb: figures.peakRssMb } : best),
        {
          name: null,
          mb: -1,
        },
      );
}

const steadyRun = (results, pipeline, rate) =>
  results.scenarios.steady?.runs.find((run) => run.pipeline === pipeline && run.rate === rate) ?? null;

function targets(results) {
  const { scenarios } = results;
  const rows = [];
  const add = (name, target, measured, met, note = '') => rows.push({ name, target, measured, met, note });
  /** A target read off `run` (`measured` shows it, `met` judges it); unmeasured when the run is missing. */
  const addOf = (name, target, run, measured, met) =>
    add(name, target, run ? measured(run) : null, run ? met(run) : null);
  const ingestTarget = (name, run, target) =>
    addOf(
      name,
      `≥ ${num(target)} events/s`,
      run,
      (ingest) => `${num(ingest.eventsPerSecond)} events/s`,
      (ingest) => ingest.eventsPerSecond >= target,
    );

  const maxH = scenarios.max?.hookline;
  const maxR = scenarios.max?.raw;
  addOf(
    'Sustained deliveries/s (max scenario, every event delivered)',
    `≥ ${num(TARGETS.sustained)}`,
    maxH,
    (run) => `${num(run.drainPerSecond)}/s`,
    (run) => run.allDelivered && run.drainPerSecond >= TARGETS.sustained,
  );
  const share = maxH && maxR ? ratio(maxH.drainPerSecond, maxR.drainPerSecond) : null;
  add(
    'Share of the raw pipeline (max drain rate)',
    `≥ ${TARGETS.rawShare * 100} %`,
    share === null ? null : `${num(share * 100)} %`,
    share === null ? null : share >= TARGETS.rawShare,
  );
  // A latency "at 500 events/s" counts only if 500 events/s were actually accepted (within 10 %).
  const atRate = (run, rate) => run !== null && (run.acceptedPerSecond ?? 0) >= rate * 0.9;
  const acceptedNote = (run, rate) =>
    atRate(run, rate)
      ? ''
      : ` — but only ${num(run.acceptedPerSecond)} of ${num(rate)} events/s were accepted`;
  const at500 = steadyRun(results, 'hookline', 500);
  addOf(
    'p99 ingest → receiver at 500 events/s',
    `≤ ${TARGETS.p99At500} ms`,
    at500,
    (run) => `${ms(run.latencyMs.p99)} ms${acceptedNote(run, 500)}`,
    (run) => atRate(run, 500) && run.allDelivered && run.latencyMs.p99 <= TARGETS.p99At500,
  );
  const svix = scenarios.peers?.svix;
  const svixAt1000 = peerSteadyRun(svix, 1000);
  add(
    'p99 ingest → receiver at 500 events/s, against Svix at 1,000 events/s',
    '≤ Svix',
    at500 && svixAt1000 ? `${ms(at500.latencyMs.p99)} ms vs ${ms(svixAt1000.latencyMs.p99)} ms` : null,
    at500 && svixAt1000 ? atRate(at500, 500) && at500.latencyMs.p99 <= svixAt1000.latencyMs.p99 : null,
  );
  const cpuAt500 = pipelineCpuPerDelivery(at500);
  add(
    'CPU per delivered event at 500 events/s, all Hookline processes (services, broker, Postgres)',
    `≤ ${TARGETS.cpuPerEventAt500} ms`,
    cpuAt500 === null ? null : `${num(cpuAt500, 2)} ms${acceptedNote(at500, 500)}`,
    cpuAt500 === null ? null : atRate(at500, 500) && cpuAt500 <= TARGETS.cpuPerEventAt500,
  );
  const fanoutH = scenarios.fanout?.hookline;
  const fanoutS = svix?.fanout;
  add(
    'Fan-out 50: deliveries/s against Svix, with p99 no higher than Svix',
    `≥ ${TARGETS.fanoutOverPeer}×, p99 ≤ Svix`,
    fanoutH && fanoutS
      ? `${x(ratio(fanoutH.deliveriesPerSecond, fanoutS.deliveriesPerSecond))} (${num(fanoutH.deliveriesPerSecond)} vs ${num(fanoutS.deliveriesPerSecond)}/s), p99 ${ms(fanoutH.latencyMs.p99)} vs ${ms(fanoutS.latencyMs.p99)} ms`
      : null,
    fanoutH && fanoutS
      ? fanoutH.deliveriesPerSecond >= fanoutS.deliveriesPerSecond * TARGETS.fanoutOverPeer &&
          fanoutH.latencyMs.p99 <= fanoutS.latencyMs.p99
      : null,
  );
  const degraded = scenarios.degraded?.hookline;
  const steadyAtDegradedRate = degraded ? steadyRun(results, 'hookline', degraded.rate) : null;
  const isolation =
    degraded && steadyAtDegradedRate
      ? ratio(degraded.healthy.latencyMs.p99, steadyAtDegradedRate.latencyMs.p99)
      : null;
  const degradedAccepted = degraded
    ? Math.round(
        (degraded.healthy.acceptedPerSecond ?? 0) *
          (degraded.endpoints.total /
            (degraded.endpoints.total - degraded.endpoints.failing - degraded.endpoints.hanging)),
      )
    : null;
  add(
    'Healthy-webhook p99 under degraded / steady p99 (isolation ratio)',
    `≤ ${TARGETS.isolation}×`,
    isolation === null
      ? null
      : `${x(isolation)} (${ms(degraded.healthy.latencyMs.p99)} / ${ms(steadyAtDegradedRate.latencyMs.p99)} ms; ~${num(degradedAccepted)} and ${num(steadyAtDegradedRate.acceptedPerSecond)} events/s accepted)`,
    isolation === null ? null : isolation <= TARGETS.isolation && degraded.healthy.allDelivered,
  );
  addOf(
    'Backlog drain',
    `≥ ${num(TARGETS.backlog)}/s`,
    scenarios.backlog?.hookline,
    (backlog) => `${num(backlog.drainPerSecond)}/s`,
    (backlog) => backlog.allDelivered && backlog.drainPerSecond >= TARGETS.backlog,
  );
  ingestTarget('Single-event ingest', scenarios.ingest?.hookline?.single, TARGETS.singleIngest);
  ingestTarget('Batch ingest', scenarios.ingest?.hookline?.batch, TARGETS.batchIngest);

  const maxProcesses = maxH?.resources?.processes;
  const services = maxProcesses
    ? Object.entries(maxProcesses).filter(([name]) => name.endsWith('-service'))
    : [];
  const largest = services.reduce(
    (best, entry) => (entry[1].peakRssMb > (best?.[1].peakRssMb ?? -1) ? entry : best),
    null,
  );
  addOf(
    'Peak RSS of each service in the max scenario',
    `≤ ${num(TARGETS.peakRssMb)} MB`,
    largest,
    ([name, figures]) => `largest ${name} ${num(figures.peakRssMb)} MB`,
    ([, figures]) => figures.peakRssMb <= TARGETS.peakRssMb,
  );
  const lost = deliveryChecks(results).filter((check) => !check.allDelivered);
  const checks = deliveryChecks(results);
  add(
    'Every event delivered, in every scenario',
    'all',
    checks.length === 0
      ? null
      : lost.length === 0
        ? `all (${checks.length} measurements)`
        : `missing in ${lost.map((check) => check.label).join(', ')}`,
    checks.length === 0 ? null : lost.length === 0,
  );
  return rows;
}

/** Every Hookline delivery measurement with its "all delivered" verdict. */
function deliveryChecks(results) {
  const { scenarios } = results;
  const checks = [];
  for (const run of scenarios.steady?.runs ?? []) {
    if (run.pipeline === 'hookline') {
      checks.push({ label: `steady ${run.rate}/s`, allDelivered: run.allDelivered });
    }
  }
  if (scenarios.max?.hookline) {
    checks.push({ label: 'max', allDelivered: scenarios.max.hookline.allDelivered });
  }
  if (scenarios.fanout?.hookline) {
    checks.push({ label: 'fan-out', allDelivered: scenarios.fanout.hookline.allDelivered });
  }
  if (scenarios.degraded?.hookline) {
    checks.push({
      label: 'degraded (healthy endpoints)',
      allDelivered: scenarios.degraded.hookline.healthy.allDelivered,
    });
  }
  if (scenarios.backlog?.hookline) {
    checks.push({ label: 'backlog', allDelivered: scenarios.backlog.hookline.allDelivered });
  }
  if (scenarios.projection?.hookline) {
    checks.push({
      label: 'projection',
      allDelivered:
        scenarios.projection.hookline.empty.allStored && scenarios.projection.hookline.full.allStored,
    });
  }
  return checks;
}

function resourceRows(results) {
  const windows = [];
  const push = (label, resources) => resources && windows.push({ label, resources });
  const { scenarios } = results;
  for (const run of scenarios.steady?.runs ?? []) {
    push(`steady ${run.pipeline} ${run.rate}/s`, run.resources);
  }
  push('max hookline', scenarios.max?.hookline?.resources);
  push('max hookline, one endpoint', scenarios.max?.hooklineSingle?.resources);
  push('max raw', scenarios.max?.raw?.resources);
  push('fan-out hookline', scenarios.fanout?.hookline?.resources);
  push('fan-out raw', scenarios.fanout?.raw?.resources);
  push('degraded hookline', scenarios.degraded?.hookline?.resources);
  push('backlog hookline', scenarios.backlog?.hookline?.resources);
  push('backlog raw', scenarios.backlog?.raw?.resources);
  push('ingest single hookline', scenarios.ingest?.hookline?.single?.resources);
  push('ingest batch hookline', scenarios.ingest?.hookline?.batch?.resources);
  push('ingest single raw', scenarios.ingest?.raw?.single?.resources);
  push('ingest single raw coalesced', scenarios.ingest?.raw?.singleCoalesced?.resources);
  push('ingest batch raw', scenarios.ingest?.raw?.batch?.resources);
  push('projection hookline', scenarios.projection?.hookline?.empty?.resources);
  push('projection raw', scenarios.projection?.raw?.resources);
  push('projection hookline (log full)', scenarios.projection?.hookline?.full?.resources);
  push('log-history reads', scenarios.projection?.hookline?.list?.resources);
  if (windows.length === 0) {
    return '';
  }
  const names = Object.keys(windows[0].resources.processes);
  const short = (name) =>
    name.replace('-service', '').replace(' (load generator)', '').replace(' (this database)', '');
  const cpu = table(
    ['window', 's', ...names.map(short), 'machine busy', 'others'],
    windows.map(({ label, resources }) => [
      label,
      num(resources.seconds),
      ...names.map((name) => num(resources.processes[name]?.cpuPercent)),
      num(resources.machine.busyPercent),
      num(resources.machine.otherPercent),
    ]),
  );
  const rss = table(
    ['window', ...names.map(short)],
    windows.map(({ label, resources }) => [
      label,
      ...names.map((name) => num(resources.processes[name]?.peakRssMb)),
    ]),
  );
  return { cpu, rss, names };
}

function steadySection({ runs }, results) {
  if (!runs) {
    return null;
  }
  const rawAtRate = (run) => steadyRun(results, 'raw', run.rate);
  return runTable(
    [
      ['offered events/s', (run) => num(run.rate)],
      ['pipeline', (run) => run.pipeline],
      ['accepted (per s)', (run) => `${num(run.accepted)} (${num(run.acceptedPerSecond)}/s)`],
      ...deliveredColumns(),
      ['deliveries/s', (run) => num(run.deliveriesPerSecond)],
      ...latencyColumns(['p50', 'p95', 'p99', 'max']),
      ['accept p99 ms', (run) => ms(run.ingestLatencyMs?.p99)],
      versusRaw('p50 H/raw', rawAtRate, (run) => run.latencyMs.p50),
      versusRaw('p99 H/raw', rawAtRate, (run) => run.latencyMs.p99),
    ],
    [...new Set(runs.map((run) => run.rate))].flatMap((rate) => [
      steadyRun(results, 'hookline', rate),
      steadyRun(results, 'raw', rate),
    ]),
  );
}

function maxSection(max) {
  return runTable(
    [
      ['pipeline', (run) => `${run.pipeline}${run === max.hooklineSingle ? ' (one endpoint)' : ''}`],
      ['endpoints', (run) => num(run.endpoints)],
      ['events', (run) => num(run.events)],
      ...deliveredColumns(),
      ['produced/s', (run) => num(run.producedPerSecond)],
      ['drain deliveries/s', (run) => `**${num(run.drainPerSecond)}**`],
      ['first produce → last arrival /s', (run) => num(run.endToEndPerSecond)],
      ...latencyColumns(['p50', 'p99'], { label: 'queue ' }),
      ['consumer CPU ms/delivery', (run) => num(cpuPerDelivery(run), 2)],
      versusRaw(
        'drain H/raw',
        () => max.raw,
        (run) => run.drainPerSecond,
      ),
    ],
    [max.hookline, max.hooklineSingle, max.raw],
  );
}

function scaleSection(scale) {
  return runTable(
    [
      ['delivery replicas', (run) => num(run.replicas)],
      ['events', (run) => num(run.events)],
      ...deliveredColumns(),
      ['drain deliveries/s', (run) => `**${num(run.drainPerSecond)}**`],
      ...latencyColumns(['p50', 'p99'], { label: 'queue ' }),
      ['two / one', (run) => (run === scale.two ? x(scale.twoToOne) : '')],
    ],
    [scale.one, scale.two],
  );
}

function fanoutSection(fanout) {
  return runTable(
    [
      ['pipeline', (run) => run.pipeline],
      ['webhooks', (run) => num(run.webhooks)],
      ['events/s', (run) => num(run.rate)],
      ...deliveredColumns('deliveries', (run) => run.expectedDeliveries),
      ['deliveries/s', (run) => num(run.deliveriesPerSecond)],
      ...latencyColumns(['p50', 'p95', 'p99']),
      ['first→last endpoint p99 ms', (run) => ms(run.spreadMs.p99)],
      versusRaw(
        'deliveries/s H/raw',
        () => fanout.raw,
        (run) => run.deliveriesPerSecond,
      ),
      versusRaw(
        'p99 H/raw',
        () => fanout.raw,
        (run) => run.latencyMs.p99,
      ),
    ],
    [fanout.hookline, fanout.raw],
  );
}

function degradedSection({ hookline: degraded }, results) {
  if (!degraded) {
    return null;
  }
  const steady = steadyRun(results, 'hookline', degraded.rate);
  const raw = steadyRun(results, 'raw', degraded.rate);
  const { healthy } = degraded;
  const main = table(
    [
      'events/s',
      'endpoints (failing / hanging)',
      'healthy delivered',
      'all',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      `steady p99 at ${degraded.rate}/s`,
      'isolation ratio',
      'p99 vs raw steady',
    ],
    [
      [
        num(degraded.rate),
        `${degraded.endpoints.total} (${degraded.endpoints.failing} / ${degraded.endpoints.hanging})`,
        `${num(healthy.delivered)} / ${num(healthy.accepted)}`,
        yesNo(healthy.allDelivered),
        ms(healthy.latencyMs.p50),
        ms(healthy.latencyMs.p95),
        ms(healthy.latencyMs.p99),
        ms(healthy.latencyMs.max),
        steady ? `${ms(steady.latencyMs.p99)} ms` : '–',
        steady ? `**${x(ratio(healthy.latencyMs.p99, steady.latencyMs.p99))}**` : '–',
        raw ? x(ratio(healthy.latencyMs.p99, raw.latencyMs.p99)) : '–',
      ],
    ],
  );
  const unhealthy = Object.entries(degraded.unhealthy)
    .map(
      ([mode, entry]) =>
        `${mode === 'fail' ? 'failing (500)' : 'hanging'}: ${num(entry.reached)} of ${num(entry.events)} events reached the endpoint`,
    )
    .join('; ');
  return `${main}\n\nUnhealthy endpoints: ${unhealthy}. A hanging endpoint answers only after ${num(degraded.hangMs / 1000)} s (delivery's default timeout is 15 s).`;
}

function backfillSection(backfill) {
  const live = runTable(
    [
      ['live load', (run) => (run === backfill.alone ? 'alone' : 'during the backfill')],
      ['events/s', (run) => num(run.rate)],
      ...deliveredColumns(),
      ...latencyColumns(['p50', 'p95', 'p99']),
    ],
    [backfill.alone, backfill.during],
  );
  const { past } = backfill;
  const replay = table(
    [
      'past events',
      'pace /s',
      'delivered',
      'all',
      'duplicates',
      'drain /s',
      'start → last arrival s',
      'status',
    ],
    [
      [
        num(past.events),
        num(backfill.ratePerSecond),
        `${num(past.delivered)} / ${num(past.expectedDeliveries)}`,
        yesNo(past.allDelivered),
        num(past.duplicates),
        num(past.drainPerSecond),
        num(past.startToLastArrivalMs / 1000, 1),
        past.status,
      ],
    ],
  );
  return `${live}\n\nLive p50 during / alone: **${backfill.liveP50Ratio ?? '–'}×**, p99: **${backfill.liveP99Ratio ?? '–'}×**.\n\n${replay}`;
}

function backlogSection(backlog) {
  return runTable(
    [
      ['pipeline', (run) => run.pipeline],
      ['events', (run) => num(run.events)],
      ...deliveredColumns(),
      [
        'accepted/s while stopped',
        (run) =>
          run.pipeline === 'hookline' ? `${num(run.ingestPerSecond)} (batch ingest)` : 'produced directly',
      ],
      ['start → ready ms', (run) => ms(run.startToReadyMs)],
      ['drain deliveries/s', (run) => `**${num(run.drainPerSecond)}**`],
      ['start → empty s', (run) => num(run.startToLastArrivalMs / 1000, 1)],
      ['incl. start-up /s', (run) => num(run.startToEmptyPerSecond)],
      ['consumer CPU ms/delivery', (run) => num(cpuPerDelivery(run), 2)],
      versusRaw(
        'drain H/raw',
        () => backlog.raw,
        (run) => run.drainPerSecond,
      ),
    ],
    [backlog.hookline, backlog.raw],
  );
}

function ingestSection(ingest) {
  const rows = [];
  const row = (mode, pipeline, run, raw) => [
    mode,
    pipeline,
    num(run.connections),
    num(run.accepted),
    `**${num(run.eventsPerSecond)}**`,
    ms(run.requestLatencyMs.p50),
    ms(run.requestLatencyMs.p99),
    num(run.refused + run.errors),
    raw ? x(ratio(run.eventsPerSecond, raw.eventsPerSecond)) : '',
  ];
  const single = 'single (POST /v1/events)';
  // `raw` is null in a run without the raw pipeline (--no-raw).
  const hookline = ingest.hookline ?? {};
  const raw = ingest.raw ?? {};
  if (hookline.single) {
    rows.push(row(single, 'hookline', hookline.single, raw.single));
  }
  if (raw.single) {
    rows.push(row(single, 'raw (kafkajs produce)', raw.single));
  }
  if (raw.singleCoalesced) {
    rows.push(row(single, 'raw, coalesced (group commit)', raw.singleCoalesced));
  }
  const batch = `batch of ${hookline.batch?.eventsPerRequest ?? raw.batch?.eventsPerRequest} (POST /v1/events/batch)`;
  if (hookline.batch) {
    rows.push(row(batch, 'hookline', hookline.batch, raw.batch));
  }
  if (raw.batch) {
    rows.push(row(batch, 'raw (kafkajs produce)', raw.batch));
  }
  return table(
    [
      'mode',
      'pipeline',
      'concurrent',
      'accepted',
      'events/s',
      'request p50 ms',
      'request p99 ms',
      'refused/errors',
      'events/s H/raw',
    ],
    rows,
  );
}

function projectionSection(projection) {
  const { empty, full, list } = projection.hookline;
  const raw = projection.raw;
  const absorb = table(
    ['measure', 'Hookline', 'raw sink', 'H/raw'],
    [
      [
        `attempts/s, ${num(empty.attempts)} attempts into a small log`,
        `**${num(empty.attemptsPerSecond)}**${empty.allStored ? '' : ' (incomplete)'}`,
        raw ? num(raw.attemptsPerSecond) : '–',
        raw ? x(ratio(empty.attemptsPerSecond, raw.attemptsPerSecond)) : '',
      ],
      [
        `attempts/s, ${num(full.attempts)} more with ${num(projection.grown.attemptsStored)} stored`,
        `**${num(full.attemptsPerSecond)}**${full.allStored ? '' : ' (incomplete)'}`,
        '–',
        '',
      ],
    ],
  );
  const listRow = (label, entry) =>
    entry
      ? [
          label,
          num(entry.requests),
          ms(entry.latencyMs.p50),
          ms(entry.latencyMs.p95),
          ms(entry.latencyMs.p99),
          list.rawSql ? x(ratio(entry.latencyMs.p50, list.rawSql.latencyMs.p50)) : '',
        ]
      : [label, '–', '–', '–', '–', ''];
  const reads = table(
    ['GET /v1/webhooks/:id/deliveries', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'p50 vs raw SQL'],
    [
      listRow('`?limit=20` (first page)', list.firstPage),
      listRow('`?limit=20&cursor=…` (second page)', list.secondPage),
      listRow('`?limit=20&status=failed` (2 % of rows match)', list.failedOnly),
      [
        'raw: the same keyset query straight to Postgres',
        num(list.rawSql.requests),
        ms(list.rawSql.latencyMs.p50),
        ms(list.rawSql.latencyMs.p95),
        ms(list.rawSql.latencyMs.p99),
        '',
      ],
    ],
  );
  return `${absorb}\n\nLog-history reads with ${num(projection.grown.attemptsStored)} attempts (${num(projection.grown.deliveriesStored)} deliveries) stored, ${num(list.webhookDeliveries)} of them on the listed webhook; sequential requests, one connection:\n\n${reads}\n\nHow the log was filled: ${projection.grown.method}; ${projection.grown.clones} clone round(s) in ${num(projection.grown.seconds, 1)} s.`;
}

function chartSpec(results) {
  const runs = results.scenarios.steady?.runs ?? [];
  const series = [];
  const colors = { hookline: '#1f6feb', raw: '#d1242f' };
  for (const pipeline of ['hookline', 'raw']) {
    const points = runs.filter((run) => run.pipeline === pipeline).sort((a, b) => a.rate - b.rate);
    if (points.length === 0) {
      continue;
    }
    for (const [stat, style] of [
      ['p50', '--'],
      ['p99', '-'],
    ]) {
      series.push({
        label: `${pipeline === 'hookline' ? 'Hookline' : 'raw kafkajs→undici'} ${stat}`,
        x: points.map((run) => run.acceptedPerSecond ?? run.rate),
        y: points.map((run) => Math.max(0.1, run.latencyMs[stat] ?? 0)),
        color: colors[pipeline],
        linestyle: style,
        marker: stat === 'p50' ? 's' : 'o',
      });
    }
  }
  const vlines = [];
  if (results.scenarios.max?.hookline?.drainPerSecond) {
    vlines.push({
      x: results.scenarios.max.hookline.drainPerSecond,
      label: 'Hookline max drain',
      color: colors.hookline,
    });
  }
  if (results.scenarios.max?.raw?.drainPerSecond) {
    vlines.push({ x: results.scenarios.max.raw.drainPerSecond, label: 'raw max drain', color: colors.raw });
  }
  return {
    title: `Latency vs load, acceptance → receiver (fan-out 1)${results.meta.mode === 'quick' ? ' — QUICK run' : ''}`,
    xlabel: 'load: events/s accepted (offered 250 / 500 / 1000 …), fan-out 1',
    ylabel: 'latency ms (log scale)',
    footnote: `${results.meta.date.slice(0, 16)} UTC, ${results.meta.environment?.cpu.cores ?? '?'} cores, ${results.meta.mode} run; dotted: max sustained drain rate`,
    series,
    vlines,
  };
}

const peerSteadyRun = (peer, rate) => peer?.steady?.runs.find((run) => run.rate === rate) ?? null;

/**
 * Hookline next to each peer, row by row, with the ratio Hookline/peer: above 1× is better for throughput,
 * below 1× is better for latency, CPU and memory.
 */
function peersSection(peers, results) {
  if (Object.keys(peers).length === 0) {
    return null;
  }
  const { scenarios } = results;
  const parts = [];
  for (const name of results.meta.peers ?? []) {
    const peer = peers[name];
    if (!peer) {
      continue;
    }
    const rows = [];
    const add = (measure, hookline, other, raw, better, format = num) =>
      rows.push([
        measure,
        format(hookline),
        format(other),
        x(ratio(hookline, other)),
        raw === undefined ? '' : format(raw),
        better,
      ]);
    for (const run of peer.steady?.runs ?? []) {
      const hookline = steadyRun(results, 'hookline', run.rate);
      const raw = steadyRun(results, 'raw', run.rate);
      add(
        `steady ${num(run.rate)}/s: accepted/s`,
        hookline?.acceptedPerSecond,
        run.acceptedPerSecond,
        raw?.acceptedPerSecond,
        'higher',
      );
      add(
        `steady ${num(run.rate)}/s: p50 accept → arrival ms`,
        hookline?.latencyMs.p50,
        run.latencyMs.p50,
        raw?.latencyMs.p50,
        'lower',
        ms,
      );
      add(
        `steady ${num(run.rate)}/s: p99 accept → arrival ms`,
        hookline?.latencyMs.p99,
        run.latencyMs.p99,
        raw?.latencyMs.p99,
        'lower',
        ms,
      );
      add(
        `steady ${num(run.rate)}/s: p99 of the accepting request ms`,
        hookline?.ingestLatencyMs?.p99,
        run.ingestLatencyMs?.p99,
        raw?.ingestLatencyMs?.p99,
        'lower',
        ms,
      );
      add(
        `steady ${num(run.rate)}/s: machine busy %`,
        hookline?.resources?.machine.busyPercent,
        run.resources?.machine.busyPercent,
        raw?.resources?.machine.busyPercent,
        'lower',
      );
      add(
        `steady ${num(run.rate)}/s: CPU ms per delivered event, all pipeline processes`,
        pipelineCpuPerDelivery(hookline),
        pipelineCpuPerDelivery(run),
        pipelineCpuPerDelivery(raw),
        'lower',
        (value) => num(value, 2),
      );
    }
    if (peer.fanout) {
      const hookline = scenarios.fanout?.hookline;
      const label = `fan-out ${num(peer.fanout.webhooks)} at ${num(peer.fanout.rate)} events/s`;
      add(
        `${label}: deliveries/s`,
        hookline?.deliveriesPerSecond,
        peer.fanout.deliveriesPerSecond,
        scenarios.fanout?.raw?.deliveriesPerSecond,
        'higher',
      );
      add(
        `${label}: p99 ms`,
        hookline?.latencyMs.p99,
        peer.fanout.latencyMs.p99,
        scenarios.fanout?.raw?.latencyMs.p99,
        'lower',
        ms,
      );
    }
    if (peer.max) {
      add(
        'max drain, fan-out 1 over the endpoints: deliveries/s',
        scenarios.max?.hookline?.drainPerSecond,
        peer.max.fanout1.drainPerSecond,
        scenarios.max?.raw?.drainPerSecond,
        'higher',
      );
      add(
        `max drain, fan-out ${num(peer.max.fanoutN.endpoints)}: deliveries/s`,
        null,
        peer.max.fanoutN.drainPerSecond,
        undefined,
        'higher',
      );
      add(
        "single-event API: events/s accepted (Svix: the max run's 64 connections)",
        scenarios.ingest?.hookline?.single?.eventsPerSecond,
        peer.max.fanout1.apiPerSecond,
        scenarios.ingest?.raw?.single?.eventsPerSecond,
        'higher',
      );
      const hooklinePeak = peakRss(scenarios.max?.hookline);
      const peerPeak = peakRss(peer.max.fanoutN);
      add(
        `peak RSS in the max run, largest process MB (${hooklinePeak?.name ?? '–'} / ${peerPeak?.name ?? '–'})`,
        hooklinePeak?.mb,
        peerPeak?.mb,
        undefined,
        'lower',
      );
    }
    if (peer.backlog?.skipped) {
      rows.push([
        'backlog drain: deliveries/s',
        num(scenarios.backlog?.hookline?.drainPerSecond),
        `not run: ${peer.backlog.skipped}`,
        '',
        '',
        'higher',
      ]);
    } else if (peer.backlog) {
      add(
        `backlog drain (${peer.backlog.queue} queue): deliveries/s`,
        scenarios.backlog?.hookline?.drainPerSecond,
        peer.backlog.drainPerSecond,
        scenarios.backlog?.raw?.drainPerSecond,
        'higher',
      );
    }
    const lost = [
      ...(peer.steady?.runs ?? []).map((run) => [`steady ${run.rate}/s`, run]),
      ['fan-out', peer.fanout],
      ['max fan-out 1', peer.max?.fanout1],
      ['max fan-out N', peer.max?.fanoutN],
      ['backlog', peer.backlog?.skipped ? null : peer.backlog],
    ].filter(([, run]) => run && !run.allDelivered);
    parts.push(
      [
        `### ${name} (${peer.version}, ${peer.queue} queue; backlog through ${peer.backlog?.queue ?? 'none'})`,
        '',
        table(['measure', 'Hookline', name, `Hookline/${name}`, 'raw', 'better'], rows),
        '',
        lost.length === 0
          ? `Every message accepted by ${name} arrived, signature verified by the receiver.`
          : `**Not everything accepted by ${name} arrived** in: ${lost.map(([label]) => label).join(', ')}.`,
      ].join('\n'),
    );
  }
  return parts.join('\n\n');
}

function machineSection(results) {
  const env = results.meta.environment;
  if (!env) {
    return 'Machine: not recorded (the run failed before the services started).';
  }
  const rows = [
    [
      'CPU',
      `${env.cpu.model}, ${env.cpu.cores} cores${env.cpu.mhz ? ` @ ${env.cpu.mhz} MHz` : ''}${env.cpu.hypervisor ? ' (virtual machine)' : ''}`,
    ],
    ['Memory', `${env.memoryGb} GB`],
    ['OS', env.os],
    ['Node.js', env.versions.node],
    [
      'Kafka',
      `${env.versions.kafka} (${env.kafkaMode === 'private' ? 'a private single-node KRaft broker for this run, tools/infra' : env.kafkaMode})`,
    ],
    ['Postgres', `${env.versions.postgres} (tools/infra cluster, fsync off; a throwaway database per run)`],
    [
      'Libraries',
      `kafkajs ${env.versions.kafkajs}, undici ${env.versions.undici}, NestJS ${env.versions.nestjs}, pg ${env.versions.pg}`,
    ],
    [
      'Code',
      `commit ${env.git.commit}${env.git.uncommittedChangesInAppsAndLibs ? ` + ${env.git.uncommittedChangesInAppsAndLibs} uncommitted file(s) in apps/ and libs/` : ''}`,
    ],
    [
      'Service settings',
      Object.keys(results.meta.serviceEnvOverrides ?? {}).length > 0
        ? Object.entries(results.meta.serviceEnvOverrides)
            .map(([key, value]) => `\`${key}=${value}\``)
            .join(', ')
        : 'defaults (LOG_LEVEL=warn, NODE_ENV=production), but the request rate limits per credential and per address at 100,000/s (production: 2,500 and 5,000) so that ingest is measured, not its limiter',
    ],
    [
      'Run',
      `${results.meta.date} · ${results.meta.mode} · ${num(results.meta.seconds)} s · load average ${results.meta.loadAverageAtStart[0]} at start, ${results.meta.loadAverageAtEnd?.[0] ?? '–'} at end`,
    ],
  ];
  return table(['', ''], rows);
}

function profileSection(results) {
  if (!results.profile || Object.keys(results.profile).length === 0) {
    return null;
  }
  const parts = [];
  for (const [app, summary] of Object.entries(results.profile)) {
    parts.push(
      `**${app}** — ${summary.busySeconds} s on CPU of ${summary.sampledSeconds} s sampled (${summary.files.join(', ')})`,
    );
    parts.push(
      table(
        ['area (self time)', 'share', 'ms'],
        summary.byArea
          .slice(0, 12)
          .map((entry) => [entry.area, `${entry.sharePercent} %`, num(entry.selfMs)]),
      ),
    );
    if (summary.hooklineInclusive?.length) {
      parts.push(
        table(
          ['Hookline function (inclusive: itself and what it calls synchronously)', 'where', 'share'],
          summary.hooklineInclusive
            .filter((entry) => !/\/(main|index)\.js:/.test(entry.location))
            .slice(0, 12)
            .map((entry) => [`\`${entry.function}\``, `\`${entry.location}\``, `${entry.sharePercent} %`]),
        ),
      );
    }
    parts.push(
      table(
        ['function (self time)', 'where', 'share'],
        summary.topFunctions
          .slice(0, 15)
          .map((entry) => [
            `\`${entry.function}\``,
            entry.location ? `\`${entry.location}\`` : '',
            `${entry.sharePercent} %`,
          ]),
      ),
    );
  }
  return parts.join('\n\n');
}

function keptAnalysis() {
  if (!fs.existsSync(DOC)) {
    return null;
  }
  const text = fs.readFileSync(DOC, 'utf8');
  const start = text.indexOf(ANALYSIS_START);
  const end = text.indexOf(ANALYSIS_END);
  return start >= 0 && end > start ? text.slice(start + ANALYSIS_START.length, end).trim() : null;
}

/** The sections of the scenarios, in the report's order; a scenario that did not run has none. */
const SCENARIO_SECTIONS = [
  {
    title: 'Steady load (fan-out 1)',
    scenario: 'steady',
    section: steadySection,
    intro:
      'Fixed offered rates for a fixed time (open loop, at most 256 requests in flight), each event to one webhook, round robin over the endpoints of several organizations (one origin each); latency from acceptance (ingest\'s 202; for raw, the producer\'s ack with `acks: -1`) to the receiver having read the request. "accepted (per s)" is the rate actually accepted: below the offered rate, the pipeline\'s front door (or the load generator) could not keep up and the rest of the schedule was dropped after 2× the duration. "accept p99" is the ingest request itself, including waiting for a connection (raw: the produce call).',
  },
  {
    title: 'Maximum throughput',
    scenario: 'max',
    section: maxSection,
    intro:
      'A fixed batch produced straight to the domain topic while delivery runs (ingest is not the limit), round robin over the endpoints of several organizations; the drain rate is deliveries/s between the first and the last arrival. The "one endpoint" row sends half as many events to a single webhook: what one customer can receive, bounded by the per-webhook concurrency limit. Queue latencies include waiting behind the batch. Consumer CPU: delivery-service (raw: the raw pipeline process) per delivery; Hookline\'s audit-projection-service also consumes the attempts meanwhile (see the CPU table), raw\'s attempt records are not consumed.',
  },
  {
    title: 'Two delivery replicas against one',
    scenario: 'scale',
    section: scaleSection,
    intro:
      'The maximum drain again with one delivery-service, then once a second replica has joined the same consumer group on the same broker (both count two members); on this machine both replicas share its two cores with the broker, Postgres, the other services and the load generator.',
  },
  {
    title: 'Fan-out',
    scenario: 'fanout',
    section: fanoutSection,
    intro:
      'Each event goes to every webhook of the organization; each webhook is its own origin (a receiver port), as distinct customers are. Raw posts each message to the same set of URLs.',
  },
  {
    title: 'Degraded endpoints',
    scenario: 'degraded',
    section: degradedSection,
    intro:
      'Endpoints of several organizations; 10 % answer 500 and 5 % hang. Load is spread evenly; the latency of the healthy endpoints is compared with the steady run at the same rate (isolation ratio = healthy p99 degraded / p99 steady).',
  },
  {
    title: 'Backlog drain',
    scenario: 'backlog',
    section: backlogSection,
    intro:
      "Events accepted while delivery-service is stopped (raw: its consumer stopped), spread over the endpoints of several organizations; then it starts. Drain deliveries/s between the first and the last arrival, and including start-up (consumer CPU per delivery includes the service's start-up).",
  },
  {
    title: 'Backfill beside live traffic',
    scenario: 'backfill',
    section: backfillSection,
    intro:
      'Steady live load (fan-out 1 over several organizations) measured alone, then again while a backfill replays past events (produced straight to the domain topic before its webhook existed) to a new webhook of another organization, paced by `DELIVERY_BACKFILL_RATE_PER_SECOND` (set for this scenario, restored after). Past-event latencies count from the backfill request.',
  },
  {
    title: 'Ingest',
    scenario: 'ingest',
    section: ingestSection,
    intro:
      "Closed loop over keep-alive connections (undici); events belong to an organization without webhooks. Raw: the same producer settings (idempotent, `acks: -1`) sending straight to Kafka, one send per event (as ingest does per request), and the same sends coalesced while a produce request is in flight (kafkajs' idempotent producer has one request per broker in flight).",
  },
  {
    title: 'Side by side with other webhook servers',
    scenario: 'peers',
    section: peersSection,
    intro:
      "The same loads against another server on this machine, in the same run (`--peers svix`; the full run includes it when a Svix binary is installed): its public API stands where Hookline's ingest does (an event enters as POST /msg, answered once stored), the same receiver verifies its signatures (`svix-*` headers, the same scheme) and the same load generator paces it. Fan-out 1 addresses one endpoint through a channel per endpoint. Its API and worker share one process; Hookline's max scenario produces to Kafka directly, Svix's has to go through its API, so its max drain is bounded by its API. Its backlog waits in Redis while only its API runs, then its worker drains it.",
  },
  {
    title: 'Audit projection and log history',
    scenario: 'projection',
    section: projectionSection,
    intro:
      'Synthetic `AttemptEvent`s (copies of a real one with new ids) produced straight to `hookline.attempts.v1`, timed until `audit.delivery` holds them all. Raw sink: the same messages consumed in batches into one jsonb table with one multi-row INSERT per batch.',
  },
];

function markdown(results, { chart, jsonName }) {
  const quick = results.meta.mode === 'quick';
  const sections = [];
  const add = (title, body, intro = '') =>
    body && sections.push(`## ${title}\n\n${intro ? `${intro}\n\n` : ''}${body}`);
  const targetRows = targets(results);
  const errors = Object.entries(results.errors);
  const header = [
    '# Benchmarks',
    '',
    `<!-- Generated by \`npm run bench\` (tools/bench/run.mjs) from ${jsonName}. Edit only the analysis block; the rest is rewritten by every run. -->`,
    '',
    quick
      ? `> **Quick run** (\`--quick\`): short durations and small counts. The figures show the shape, not the machine's capacity; take final figures with a full run (\`npm run bench\`) on a quiet machine.`
      : '> Full run (`npm run bench`).',
    '',
    `Hookline measured end to end — the four services from \`dist/\`, a signature-verifying receiver and the load generator on one machine — next to a **raw pipeline** on the same broker and receiver: kafkajs consume → undici POST → produce an attempt record, with no validation, routing or signing (the practical ceiling of this stack here). Ratios are Hookline / raw: below 1× for throughput and above 1× for latency mean Hookline is slower. Raw data: [\`${jsonName}\`](benchmarks/${path.basename(jsonName)}).`,
  ].join('\n');
  add(
    'Machine and conditions',
    machineSection(results),
    'The machine is shared: the "others" column below shows CPU used by processes that are not part of the run during each measurement.',
  );
  add(
    'Targets',
    table(
      ['target', 'goal', 'measured', 'met'],
      targetRows.map((row) => [
        row.name,
        row.target,
        row.measured ?? 'not measured',
        row.met === null ? '–' : row.met ? 'met' : '**missed**',
      ]),
    ),
  );
  const receiver = results.meta.receiver;
  if (receiver) {
    sections.push(
      `Receiver: ${num(receiver.requests)} requests in the run; every Hookline request's (and every peer's) Standard Webhooks signature was checked with its webhook's secret: **${num(receiver.invalidSignature)} invalid**${receiver.unverifiedNoSecret ? `, ${num(receiver.unverifiedNoSecret)} never verifiable (no secret)` : ''} (${num(receiver.verifiedLate)} arrived before the bench had the secret — the \`webhook.test\` event sent on creation — and were verified once it had).`,
    );
  }
  if (chart?.file) {
    add(
      'Latency versus load',
      `![Latency versus load](benchmarks/${path.basename(chart.file)})`,
      `p50 and p99 from acceptance to arrival at the steady rates, Hookline and raw on the same axes (${chart.renderer}).`,
    );
  }
  for (const { title, scenario, section, intro } of SCENARIO_SECTIONS) {
    const ran = results.scenarios[scenario];
    add(title, ran ? section(ran, results) : null, intro);
  }
  const resources = resourceRows(results);
  if (resources) {
    add(
      'CPU and memory per process',
      `CPU, % of one core averaged over the measurement window (${results.meta.environment?.cpu.cores ?? '?'} cores = ${(results.meta.environment?.cpu.cores ?? 0) * 100} %):\n\n${resources.cpu}\n\nPeak RSS within the window, MB:\n\n${resources.rss}\n\nLifetime peak RSS (VmHWM), MB: ${Object.entries(
        results.meta.lifetimePeakRssMb ?? {},
      )
        .map(([name, value]) => `${name} ${num(value)}`)
        .join(', ')}.`,
    );
  }
  const counterRows = Object.entries(results.scenarios)
    .filter(([, scenario]) => scenario.deliveryCounters && Object.keys(scenario.deliveryCounters).length > 0)
    .map(([name, scenario]) => [
      name,
      Object.entries(scenario.deliveryCounters)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([counter, value]) => `\`${counter.replace(/^hookline_delivery_/, '')}\` ${num(value)}`)
        .join('<br>'),
    ]);
  if (counterRows.length > 0) {
    add(
      'What delivery-service counted',
      [
        table(['scenario', 'increase of its /metrics counters during the scenario'], counterRows),
        ...Object.entries(results.scenarios)
          .filter(([, scenario]) => scenario.deliveryCountersNote)
          .map(([name, scenario]) => `${name}: ${scenario.deliveryCountersNote}`),
      ].join('\n\n'),
      "From delivery-service's own Prometheus counters (`hookline_delivery_…_total`), read before and after each scenario (Hookline and raw parts together; raw does not touch them).",
    );
  }
  add(
    'CPU profile of this run',
    profileSection(results),
    'Self time from `node --cpu-prof` (`HOOKLINE_BENCH_PROFILE=1`), as a share of the time the process was on CPU.',
  );
  if (errors.length > 0) {
    add('Errors in this run', errors.map(([name, message]) => `- ${name}: ${message}`).join('\n'));
  }
  const analysis = keptAnalysis() ?? '_No analysis written yet._';
  sections.push(`${ANALYSIS_START}\n\n${analysis}\n\n${ANALYSIS_END}`);
  add(
    'How to run',
    [
      '```bash',
      'npm run bench                        # full run (< 15 min), rewrites this page',
      'npm run bench -- --quick             # < 3 min, small counts, marked QUICK',
      'npm run bench -- --scenario steady,max   # some scenarios; writes only tmp/bench/<run>/ unless --write-report',
      'HOOKLINE_BENCH_PROFILE=1 npm run bench -- --quick   # + CPU profiles of delivery and ingest in tmp/profiles',
      'node tools/bench/report/profile-summary.mjs tmp/profiles/<file>.cpuprofile --top 40',
      '```',
      '',
      "The bench builds `dist/` if the sources are newer, starts a private Kafka broker for the run (the shared broker would make every later test run's audit projection re-read the bench's attempts; `--shared-kafka` opts out), creates a throwaway database on the local Postgres, runs the migrations and the four services, and removes all of it at the end. Service logs and the raw results stay in `tmp/bench/<run>/`. Targets are reported, not asserted.",
    ].join('\n'),
  );
  return `${header}\n\n${sections.join('\n\n')}\n`;
}

async function prettify(text, parser, file) {
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(text, { ...config, parser });
  } catch {
    return text;
  }
}

/** Writes the report into `outDir` (always) and into docs/ when `publish`. */
export async function writeReport(results, { log, outDir, publish }) {
  const json = await prettify(
    `${JSON.stringify(results, null, 2)}\n`,
    'json',
    path.join(DATA_DIR, 'latest.json'),
  );
  fs.writeFileSync(path.join(outDir, 'latest.json'), json);
  let chart = null;
  const spec = chartSpec(results);
  if (spec.series.length > 0) {
    chart = drawChart(spec, path.join(outDir, 'latency-vs-load.png'), { log });
    if (chart.warning) {
      log(`chart: ${chart.warning}`);
    }
  }
  const md = await prettify(
    markdown(results, { chart, jsonName: 'docs/benchmarks/latest.json' }),
    'markdown',
    DOC,
  );
  fs.writeFileSync(path.join(outDir, 'benchmarks.md'), md);
  log(`report: ${path.relative(ROOT, path.join(outDir, 'benchmarks.md'))}`);
  if (!publish) {
    log(
      'report: docs/ left as it is (--no-report, or only some scenarios ran: --write-report publishes those)',
    );
    return;
  }
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(path.join(DATA_DIR, 'latest.json'), json);
  for (const stale of ['latency-vs-load.png', 'latency-vs-load.svg']) {
    fs.rmSync(path.join(DATA_DIR, stale), { force: true });
  }
  if (chart?.file) {
    fs.copyFileSync(chart.file, path.join(DATA_DIR, path.basename(chart.file)));
  }
  fs.writeFileSync(DOC, md);
  log('report: docs/benchmarks.md, docs/benchmarks/latest.json and the chart written');
}
