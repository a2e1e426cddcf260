export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `probe` until it stops throwing (an `expect` inside it passes) or the deadline passes;
 * then rethrows the last failure. Tests wait for conditions, never for fixed times.
 */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  { timeoutMs = 15_000, intervalMs = 50 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  if (lastError instanceof Error) {
    lastError.message = `condition not met within ${timeoutMs} ms: ${lastError.message}`;
  }
  throw lastError;
}
