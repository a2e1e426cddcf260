// Latency summaries: exact percentiles over the recorded samples (nearest rank).
import { round } from './util.mjs';

export function percentile(sorted, fraction) {
  if (sorted.length === 0) {
    return null;
  }
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** p50/p95/p99/max/mean of millisecond samples, rounded to 0.1 ms; null fields when there is none. */
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  const count = sorted.length;
  const mean = count === 0 ? null : sorted.reduce((sum, value) => sum + value, 0) / count;
  return {
    count,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    max: round(count === 0 ? null : sorted[count - 1]),
    mean: round(mean),
  };
}

/** Hookline / raw, to two decimals; null when either side is missing or zero. */
export function ratio(hookline, raw) {
  if (hookline === null || hookline === undefined || !raw) {
    return null;
  }
  return round(hookline / raw, 2);
}

/**
 * Matches accepted events with their arrivals at the receiver.
 * `accepted`: Map id → acceptance time; `arrivals`: Map id → first arrival time.
 */
export function matchArrivals(accepted, arrivals) {
  const latencies = [];
  let missing = 0;
  let firstArrival = Infinity;
  let lastArrival = -Infinity;
  for (const [id, acceptedAt] of accepted) {
    const arrivedAt = arrivals.get(id);
    if (arrivedAt === undefined) {
      missing += 1;
      continue;
    }
    latencies.push(arrivedAt - acceptedAt);
    if (arrivedAt < firstArrival) {
      firstArrival = arrivedAt;
    }
    if (arrivedAt > lastArrival) {
      lastArrival = arrivedAt;
    }
  }
  return {
    latencies,
    delivered: latencies.length,
    missing,
    firstArrival: Number.isFinite(firstArrival) ? firstArrival : null,
    lastArrival: Number.isFinite(lastArrival) ? lastArrival : null,
  };
}
