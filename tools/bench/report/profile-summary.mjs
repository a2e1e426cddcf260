// Summarises V8 CPU profiles (.cpuprofile from node --cpu-prof): self time per function and per package.
// As a script: node tools/bench/report/profile-summary.mjs [file.cpuprofile | dir ...] [--top N]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROFILE_DIR, ROOT } from '../lib/services.mjs';

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

function shortUrl(url) {
  if (!url) {
    return '';
  }
  const clean = url.replace(/^file:\/\//, '');
  const modules = clean.lastIndexOf('node_modules/');
  if (modules >= 0) {
    return clean.slice(modules + 'node_modules/'.length);
  }
  if (clean.startsWith(ROOT)) {
    return clean.slice(ROOT.length + 1).replace(/^dist\/out-tsc\//, '');
  }
  return clean;
}

/** Where a function lives: a package, Node itself, or Hookline (apps/<app>, libs/<lib>). */
function areaOf(url, functionName) {
  if (SPECIAL.has(functionName)) {
    return functionName;
  }
  const clean = shortUrl(url);
  if (!clean) {
    return '(native / V8 builtins)';
  }
  if (clean.startsWith('node:')) {
    return 'node: (core modules)';
  }
  if (url.includes('node_modules/')) {
    const parts = clean.split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const hookline = /^(apps\/[^/]+|libs\/[^/]+)/.exec(clean);
  return hookline ? hookline[1] : clean;
}

/** Self time (ms) per node id, from the sample stream. */
function selfTimes(profile) {
  const times = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  for (let index = 0; index < samples.length; index += 1) {
    // timeDeltas[i] is the gap before sample i; attribute the gap after it to sample i, like DevTools.
    const delta = (timeDeltas[index + 1] ?? 0) / 1000;
    times.set(samples[index], (times.get(samples[index]) ?? 0) + delta);
  }
  return times;
}

/**
 * Inclusive time of Hookline's own functions (apps/, libs/): each sample counts once for every Hookline
 * function on its stack. Says which use case the time goes to (validation, signing, the consumer loop…).
 */
function hooklineInclusive(profile, times, into) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parentOf.set(child, node.id);
    }
  }
  for (const [id, ms] of times) {
    if (byId.get(id).callFrame.functionName === '(idle)') {
      continue;
    }
    const seen = new Set();
    for (let current = id; current !== undefined; current = parentOf.get(current)) {
      const { functionName, url, lineNumber } = byId.get(current).callFrame;
      const where = shortUrl(url);
      if (!/^(apps|libs)\//.test(where) || !functionName) {
        continue;
      }
      const key = `${functionName} ${where}:${lineNumber + 1}`;
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      const entry = into.get(key) ?? {
        function: functionName,
        location: `${where}:${lineNumber + 1}`,
        totalMs: 0,
      };
      entry.totalMs += ms;
      into.set(key, entry);
    }
  }
}

export function summarizeProfile(profiles, top = 25) {
  const byFunction = new Map();
  const byArea = new Map();
  const inclusive = new Map();
  let totalMs = 0;
  let idleMs = 0;
  for (const profile of profiles) {
    const times = selfTimes(profile);
    hooklineInclusive(profile, times, inclusive);
    for (const node of profile.nodes) {
      const ms = times.get(node.id) ?? 0;
      if (ms === 0) {
        continue;
      }
      const { functionName, url, lineNumber } = node.callFrame;
      const name = functionName || '(anonymous)';
      totalMs += ms;
      if (name === '(idle)') {
        idleMs += ms;
        continue;
      }
      const key = SPECIAL.has(name) ? name : `${name} ${shortUrl(url)}:${lineNumber + 1}`;
      const entry = byFunction.get(key) ?? {
        function: name,
        location: SPECIAL.has(name) ? '' : `${shortUrl(url)}:${lineNumber + 1}`,
        area: areaOf(url, name),
        selfMs: 0,
      };
      entry.selfMs += ms;
      byFunction.set(key, entry);
      const area = areaOf(url, name);
      byArea.set(area, (byArea.get(area) ?? 0) + ms);
    }
  }
  const busyMs = totalMs - idleMs;
  const share = (ms) => (busyMs > 0 ? Number(((ms / busyMs) * 100).toFixed(1)) : 0);
  return {
    sampledSeconds: Number((totalMs / 1000).toFixed(1)),
    busySeconds: Number((busyMs / 1000).toFixed(1)),
    topFunctions: [...byFunction.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((entry) => ({ ...entry, selfMs: Math.round(entry.selfMs), sharePercent: share(entry.selfMs) })),
    hooklineInclusive: [...inclusive.values()]
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, top)
      .map((entry) => ({ ...entry, totalMs: Math.round(entry.totalMs), sharePercent: share(entry.totalMs) })),
    byArea: [...byArea.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([area, ms]) => ({ area, selfMs: Math.round(ms), sharePercent: share(ms) })),
  };
}

/** The profiles of one bench run (tmp/profiles/<app>.<runId>.<n>.cpuprofile), summarised per app. */
export function summarizeProfiles({ runId, log = () => {} }) {
  const files = fs.existsSync(PROFILE_DIR)
    ? fs
        .readdirSync(PROFILE_DIR)
        .filter((file) => file.includes(`.${runId}.`) && file.endsWith('.cpuprofile'))
    : [];
  const byApp = new Map();
  for (const file of files) {
    const app = file.split('.')[0];
    byApp.set(app, [...(byApp.get(app) ?? []), file]);
  }
  const summary = {};
  for (const [app, appFiles] of byApp) {
    const profiles = appFiles.map((file) =>
      JSON.parse(fs.readFileSync(path.join(PROFILE_DIR, file), 'utf8')),
    );
    summary[app] = {
      files: appFiles.map((file) => path.join('tmp/profiles', file)),
      ...summarizeProfile(profiles),
    };
    log(
      `profile: ${app}: ${summary[app].busySeconds}s busy; top: ${summary[app].topFunctions
        .slice(0, 3)
        .map((entry) => `${entry.function} ${entry.sharePercent}%`)
        .join(', ')}`,
    );
  }
  if (files.length === 0) {
    log(`profile: no profiles for run ${runId} in ${PROFILE_DIR}`);
  }
  return summary;
}

function printTable(title, rows, columns) {
  console.log(`\n${title}`);
  for (const row of rows) {
    console.log(columns.map(([key, width]) => String(row[key]).padEnd(width)).join(' '));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const topIndex = args.indexOf('--top');
  const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 30;
  const inputs = args.length > 0 ? args : [PROFILE_DIR];
  const files = inputs.flatMap((input) =>
    fs.statSync(input).isDirectory()
      ? fs
          .readdirSync(input)
          .filter((file) => file.endsWith('.cpuprofile'))
          .map((file) => path.join(input, file))
      : [input],
  );
  for (const file of files) {
    const summary = summarizeProfile([JSON.parse(fs.readFileSync(file, 'utf8'))], top);
    console.log(`\n=== ${file}: ${summary.sampledSeconds}s sampled, ${summary.busySeconds}s busy`);
    printTable('self time by area', summary.byArea, [
      ['sharePercent', 6],
      ['selfMs', 8],
      ['area', 40],
    ]);
    printTable('Hookline functions, inclusive time', summary.hooklineInclusive, [
      ['sharePercent', 6],
      ['totalMs', 8],
      ['function', 36],
      ['location', 70],
    ]);
    printTable('self time by function', summary.topFunctions, [
      ['sharePercent', 6],
      ['selfMs', 8],
      ['function', 36],
      ['location', 70],
    ]);
  }
}
