/**
 * Awaits `work` while calling `heartbeat` every `intervalMs`, so a long batch keeps its group membership.
 * A failed heartbeat is reported, not thrown: the work still finishes, and if membership was lost the
 * offset commit fails and the partition's next owner re-reads the batch (at-least-once).
 */
export async function whileHeartbeating<T>(
  work: Promise<T>,
  heartbeat: () => Promise<void>,
  onHeartbeatError: (error: unknown) => void,
  intervalMs = 3_000,
): Promise<T> {
  const timer = setInterval(() => {
    heartbeat().catch(onHeartbeatError);
  }, intervalMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
