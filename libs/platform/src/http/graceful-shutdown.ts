import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { ShutdownState } from '../health/shutdown-state';

export interface GracefulShutdownOptions {
  /** SHUTDOWN_TIMEOUT_MS: the whole shutdown, from the signal to the exit. */
  timeoutMs: number;
  log: { log(message: string): void; error(message: string): void };
}

/** Share of the budget HTTP requests in flight get to finish; the rest is the consumers'. */
const HTTP_DRAIN_SHARE = 0.25;

/**
 * Stops `app` the way an orchestrator expects, and resolves to the exit code (0 drained, 1 timed out
 * or failed): readiness turns false at once; the HTTP server stops accepting and lets the requests
 * in flight finish (bounded); then Nest's shutdown hooks run, in which consumers stop fetching, let
 * their in-flight work finish, commit and leave their groups, and producers flush.
 */
export async function shutdownGracefully(
  app: INestApplication,
  options: GracefulShutdownOptions,
): Promise<number> {
  const startedAt = Date.now();
  markShuttingDown(app);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(1), options.timeoutMs);
  });
  const drained = (async () => {
    await closeHttpServer(app.getHttpServer() as Server, options.timeoutMs * HTTP_DRAIN_SHARE);
    await app.close();
    return 0;
  })().catch((error: unknown) => {
    options.log.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  });
  const code = await Promise.race([drained, timedOut]);
  clearTimeout(timer);
  const took = Date.now() - startedAt;
  if (code === 0) {
    options.log.log(`Drained and stopped in ${took} ms`);
  } else {
    options.log.error(`Shutdown did not complete within SHUTDOWN_TIMEOUT_MS (${options.timeoutMs} ms)`);
  }
  return code;
}

/**
 * On SIGTERM or SIGINT, shuts `app` down gracefully and exits with its code. The process exits itself:
 * as a container's PID 1 a re-raised signal would be ignored by the kernel, and the orchestrator
 * should see 0 for a clean stop.
 */
export function installGracefulShutdown(app: INestApplication, options: GracefulShutdownOptions): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      return;
    }
    started = true;
    options.log.log(`${signal} received: draining`);
    void shutdownGracefully(app, options).then((code) => process.exit(code));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

function markShuttingDown(app: INestApplication): void {
  try {
    app.get(ShutdownState, { strict: false }).begin();
  } catch {
    // An app without HealthModule has no readiness to turn off.
  }
}

/** Stops accepting connections, closes idle keep-alive ones, and waits for requests in flight (bounded). */
async function closeHttpServer(server: Server | undefined, drainMs: number): Promise<void> {
  if (!server?.listening) {
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive connection whose request finishes after close() would otherwise idle until its timeout.
  const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)))]);
  clearTimeout(timer);
  clearInterval(idleSweep);
  // Whatever is still open past the drain share (a client that never finishes) is cut.
  server.closeAllConnections();
}
