import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { eventually } from './eventually';

export const REPOSITORY_ROOT = path.resolve(__dirname, '../../..');

export interface RunningServiceOptions {
  /** App folder name, e.g. `delivery-service`. */
  app: string;
  port: number;
  env: Record<string, string>;
}

/** How a run ended: its exit code, or the signal that ended it. */
export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A Hookline service on a loopback port, as a process or a container: both keep their output in
 * `tmp/test-logs/` and are ready when `/health/ready` answers 200, so a test runs against either.
 */
export abstract class RunningService<Options extends RunningServiceOptions = RunningServiceOptions> {
  readonly logFile: string;
  lastExit: ServiceExit | null = null;

  protected constructor(
    protected readonly options: Options,
    logName: string,
  ) {
    const logDir = path.join(REPOSITORY_ROOT, 'tmp', 'test-logs');
    mkdirSync(logDir, { recursive: true });
    this.logFile = path.join(logDir, `${logName}.log`);
  }

  get app(): string {
    return this.options.app;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  abstract start(options?: { waitForReady?: boolean }): Promise<void>;

  /** Graceful stop, as an orchestrator would do. */
  abstract stop(): Promise<void>;

  /** Crash: no shutdown hooks run. */
  abstract kill(): Promise<void>;

  /** How the run ended if it has; null while it runs. */
  protected abstract exitIfStopped(): Promise<ServiceExit | null>;

  async waitForReady(timeoutMs = 60_000): Promise<void> {
    await eventually(
      async () => {
        const exit = await this.exitIfStopped();
        if (exit) {
          throw new Error(`${this.options.app} exited with ${exit.code}; see ${this.logFile}`);
        }
        const response = await fetch(`${this.baseUrl}/health/ready`);
        if (response.status !== 200) {
          throw new Error(`${this.options.app} not ready: ${await response.text()}`);
        }
      },
      { timeoutMs, intervalMs: 200 },
    );
  }
}
