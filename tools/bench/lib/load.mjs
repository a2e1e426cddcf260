// Load loops. Every loop is bounded in count and in time.
import { sleep } from './util.mjs';

/**
 * Open loop: starts `rate` sends per second for `durationMs` (rate × duration sends in all), never more than
 * `maxInFlight` at once. When the cap holds a send back, it starts late; `maxLagMs` says by how much.
 * Sending stops at 2 × durationMs even if the schedule was not met (the rest counts as `unsent`).
 */
export async function pacedLoop({ rate, durationMs, maxInFlight = 256, send }) {
  const total = Math.round((rate * durationMs) / 1000);
  const started = performance.now();
  const hardStop = started + durationMs * 2;
  const inFlight = new Set();
  let seq = 0;
  let errors = 0;
  let maxLagMs = 0;
  while (seq < total && performance.now() < hardStop) {
    const elapsed = performance.now() - started;
    const due = Math.min(total, Math.floor((elapsed * rate) / 1000) + 1);
    while (seq < due && inFlight.size < maxInFlight) {
      maxLagMs = Math.max(maxLagMs, elapsed - (seq * 1000) / rate);
      const promise = send(seq++).catch(() => {
        errors += 1;
      });
      inFlight.add(promise);
      promise.finally(() => inFlight.delete(promise));
    }
    if (seq < due) {
      await Promise.race(inFlight);
    } else {
      await sleep(Math.max(1, Math.min(10, (seq * 1000) / rate - (performance.now() - started))));
    }
  }
  const sendingMs = performance.now() - started;
  await Promise.race([Promise.allSettled([...inFlight]), sleep(60_000)]);
  return {
    offered: total,
    sent: seq,
    unsent: total - seq,
    errors,
    sendingMs: Math.round(sendingMs),
    achievedRate: Math.round((seq * 1000) / sendingMs),
    maxLagMs: Math.round(maxLagMs),
  };
}

/** Closed loop: `workers` loops, each sending as soon as its previous send finished, for `durationMs`. */
export async function closedLoop({ workers, durationMs, maxSends = 10_000_000, send }) {
  const deadline = performance.now() + durationMs;
  let seq = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline && seq < maxSends) {
        const current = seq++;
        try {
          await send(current);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return { sends: seq, errors, elapsedMs: Math.round(performance.now() - started) };
}

/** Runs `work(item)` for every item with at most `concurrency` at once. */
export async function forEachConcurrently(items, concurrency, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
}
