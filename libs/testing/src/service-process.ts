import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import {
  REPOSITORY_ROOT as ROOT,
  RunningService,
  type RunningServiceOptions,
  type ServiceExit,
} from './running-service';

export interface ServiceProcessOptions extends RunningServiceOptions {
  /** Entry file under the app's compiled `src/`; `main` by default. */
  entry?: string;
}

/** A Hookline service as a real OS process, running the compiled build (`npm run build`). */
export class ServiceProcess extends RunningService<ServiceProcessOptions> {
  private child: ChildProcess | null = null;

  constructor(options: ServiceProcessOptions) {
    super(options, `${options.app}-${options.port}`);
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

  protected async exitIfStopped(): Promise<ServiceExit | null> {
    const code = this.child?.exitCode ?? null;
    return this.child && code === null ? null : { code, signal: null };
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
