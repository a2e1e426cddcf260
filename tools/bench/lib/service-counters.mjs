// Hookline's own counters (`hookline_…_total`) on a service's /metrics (Prometheus text), read before and
// after a scenario: what the service did meanwhile (attempts by outcome, retries scheduled, re-queues, drops…).

function parseCounters(text) {
  const counters = new Map();
  let startTime = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) {
      continue;
    }
    const start = /^process_start_time_seconds(\{[^}]*\})?\s+([0-9.eE+-]+)$/.exec(line.trim());
    if (start) {
      startTime = Number(start[2]);
    }
    const match = /^(hookline_[a-zA-Z0-9_:]*_total)(\{[^}]*\})?\s+([0-9.eE+-]+)$/.exec(line.trim());
    if (!match) {
      continue;
    }
    const labels = (match[2] ?? '')
      .replace(/,?service="[^"]*"/, '')
      .replace('{,', '{')
      .replace('{}', '');
    counters.set(`${match[1]}${labels}`, Number(match[3]));
  }
  return { counters, startTime };
}

export async function readCounters(url) {
  try {
    const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) });
    return parseCounters(await response.text());
  } catch {
    return null;
  }
}

/**
 * Non-zero increases between two readings. When the process restarted in between (backlog stops and
 * starts delivery-service), the new process's counters are the increase.
 */
export function counterDeltas(before, after) {
  if (!after) {
    return null;
  }
  const restarted = !before || before.startTime !== after.startTime;
  const deltas = {};
  for (const [name, value] of after.counters) {
    const delta = restarted ? value : value - (before.counters.get(name) ?? 0);
    if (delta > 0) {
      deltas[name] = Math.round(delta);
    }
  }
  return deltas;
}
