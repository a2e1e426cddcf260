import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { eventually } from './eventually';

const ROOT = path.resolve(__dirname, '../../..');

export interface ServiceProcessOptions {
  /** App folder name, e.g. `delivery-service`. */
  app: string;
  port: number;
  env: Record<string, string>;
  /** Entry file under the app's compiled `src/`; `main` by default. */
  entry?: string;
}

/** A Hookline service as a real OS process, running the compiled build (`npm run build`). */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  readonly logFile: string;
  /** How the last run ended: exit code, or the signal that ended it. */
  lastExit: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(private readonly options: ServiceProcessOptions) {
    const logDir = path.join(ROOT, 'tmp', 'test-logs');
    mkdirSync(logDir, { recursive: true });
    this.logFile = path.join(logDir, `${options.app}-${options.port}.log`);
  }

  get app(): string {
    return this.options.app;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start({ waitForReady = true }: { waitForReady?: boolean } = {}): Promise<void> {
    const script = path.join(
      ROOT,
      'dist/out-tsc/apps',
      this.options.app,
      'src',
      `${this.options.entry ?? 'main'}.js`,
    );
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, ['-r', path.join(ROOT, 'tools/runtime/register.js'), script], {
      cwd: ROOT,
      env: { ...process.env, ...this.options.env, PORT: String(this.options.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    if (waitForReady) {
      await this.waitForReady();
    }
  }

  async waitForReady(timeoutMs = 60_000): Promise<void> {
    await eventually(
      async () => {
        if (this.child?.exitCode !== null) {
          throw new Error(`${this.options.app} exited with ${this.child?.exitCode}; see ${this.logFile}`);
        }
        const response = await fetch(`${this.baseUrl}/health/ready`);
        if (response.status !== 200) {
          throw new Error(`${this.options.app} not ready: ${await response.text()}`);
        }
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  /** Graceful stop (SIGTERM), as an orchestrator would do. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** Crash: no shutdown hooks run. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) =>
      child.once('exit', (code, exitSignal) => {
        this.lastExit = { code, signal: exitSignal };
        resolve();
      }),
    );
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }
}
