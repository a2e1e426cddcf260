import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

type Component = 'kafka' | 'postgres';

/**
 * A Kafka broker or Postgres cluster of one test alone, started by tools/infra with its own ports and
 * data directory, so the test may stop and restart it without disturbing what the run shares. Only this
 * component is started and stopped (`up kafka`, `down postgres` …); Kafka's jars come from the shared cache.
 */
abstract class PrivateInfra {
  protected constructor(
    private readonly component: Component,
    private readonly stateDir: string,
    protected readonly env: NodeJS.ProcessEnv,
  ) {}

  /**
   * Starts `component` (made by `make`) in a new state directory, tools/infra running with `settings` (its
   * ports) over this process's environment, without `shared`, the address of what the run shares.
   */
  protected static async launch<T extends PrivateInfra>(
    component: Component,
    settings: Record<string, string>,
    shared: 'KAFKA_BROKERS' | 'DATABASE_URL',
    make: (component: Component, stateDir: string, env: NodeJS.ProcessEnv) => T,
  ): Promise<T> {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), `hookline-e2e-${component}-`));
    const env: NodeJS.ProcessEnv = { ...process.env, HOOKLINE_STATE_DIR: stateDir, ...settings };
    delete env[shared];
    const infra = make(component, stateDir, env);
    await infra.up();
    return infra;
  }

  /** Starts it (again) on the same data directory and waits until it answers. */
  async up(): Promise<void> {
    await this.infra('up');
  }

  /** Stops it; its data stays for the next `up`. */
  async down(): Promise<void> {
    await this.infra('down');
  }

  async destroy(): Promise<void> {
    await this.down();
    await rm(this.stateDir, { recursive: true, force: true });
  }

  private async infra(command: 'up' | 'down'): Promise<void> {
    await run(process.execPath, [path.join(ROOT, 'tools/infra/cli.mjs'), command, this.component], {
      cwd: ROOT,
      env: this.env,
    }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`tools/infra ${command} failed for ${this.stateDir}: ${error.stderr ?? error.message}`);
    });
  }
}

export class PrivateKafka extends PrivateInfra {
  get brokers(): string {
    return `127.0.0.1:${this.env.KAFKA_PORT}`;
  }

  static async start(): Promise<PrivateKafka> {
    const [port, controllerPort] = [await freePort(), await freePort()];
    return PrivateInfra.launch(
      'kafka',
      { KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controllerPort) },
      'KAFKA_BROKERS',
      (...made) => new PrivateKafka(...made),
    );
  }
}

export class PrivatePostgres extends PrivateInfra {
  get databaseUrl(): string {
    return `postgres://hookline:hookline@127.0.0.1:${this.env.PGPORT}/hookline`;
  }

  static async start(): Promise<PrivatePostgres> {
    const port = await freePort();
    return PrivateInfra.launch(
      'postgres',
      {
        // Outside the temporary directory, whose parents the postgres OS user may not traverse.
        HOOKLINE_PG_DIR: path.join('/var/lib/hookline', `e2e-postgres-${port}`),
        PGPORT: String(port),
      },
      'DATABASE_URL',
      (...made) => new PrivatePostgres(...made),
    );
  }

  override async destroy(): Promise<void> {
    await super.destroy();
    await rm(this.env.HOOKLINE_PG_DIR as string, { recursive: true, force: true });
  }
}
