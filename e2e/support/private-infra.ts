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
   * A new state directory for `component`, and the environment tools/infra runs with for it: `settings`
   * (its ports) over this process's, without `shared`, the address of what the run shares.
   */
  protected static async prepare(
    component: Component,
    settings: Record<string, string>,
    shared: 'KAFKA_BROKERS' | 'DATABASE_URL',
  ): Promise<{ stateDir: string; env: NodeJS.ProcessEnv }> {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), `hookline-e2e-${component}-`));
    const env: NodeJS.ProcessEnv = { ...process.env, HOOKLINE_STATE_DIR: stateDir, ...settings };
    delete env[shared];
    return { stateDir, env };
  }

  /** `infra`, once started. */
  protected static async started<T extends PrivateInfra>(infra: T): Promise<T> {
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
  private constructor(
    stateDir: string,
    env: NodeJS.ProcessEnv,
    readonly brokers: string,
  ) {
    super('kafka', stateDir, env);
  }

  static async start(): Promise<PrivateKafka> {
    const [port, controllerPort] = [await freePort(), await freePort()];
    const { stateDir, env } = await PrivateInfra.prepare(
      'kafka',
      { KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controllerPort) },
      'KAFKA_BROKERS',
    );
    return PrivateInfra.started(new PrivateKafka(stateDir, env, `127.0.0.1:${port}`));
  }
}

export class PrivatePostgres extends PrivateInfra {
  private constructor(
    stateDir: string,
    env: NodeJS.ProcessEnv,
    readonly databaseUrl: string,
  ) {
    super('postgres', stateDir, env);
  }

  static async start(): Promise<PrivatePostgres> {
    const port = await freePort();
    const { stateDir, env } = await PrivateInfra.prepare(
      'postgres',
      {
        // Outside the temporary directory, whose parents the postgres OS user may not traverse.
        HOOKLINE_PG_DIR: path.join('/var/lib/hookline', `e2e-postgres-${port}`),
        PGPORT: String(port),
      },
      'DATABASE_URL',
    );
    const url = `postgres://hookline:hookline@127.0.0.1:${port}/hookline`;
    return PrivateInfra.started(new PrivatePostgres(stateDir, env, url));
  }

  override async destroy(): Promise<void> {
    await super.destroy();
    await rm(this.env.HOOKLINE_PG_DIR as string, { recursive: true, force: true });
  }
}
