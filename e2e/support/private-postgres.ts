import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/**
 * A Postgres cluster of this test alone, started by tools/infra on its own port and data directory,
 * so the test may stop and restart it without disturbing the run's shared cluster.
 */
export class PrivatePostgres {
  private constructor(
    private readonly stateDir: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly databaseUrl: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'hookline-e2e-postgres-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOOKLINE_STATE_DIR: stateDir,
      // Outside the temporary directory's parents, which the postgres OS user may not traverse.
      HOOKLINE_PG_DIR: path.join('/var/lib/hookline', `e2e-postgres-${port}`),
      PGPORT: String(port),
    };
    delete env.DATABASE_URL;
    const postgres = new PrivatePostgres(
      stateDir,
      env,
      `postgres://hookline:hookline@127.0.0.1:${port}/hookline`,
    );
    await postgres.up();
    return postgres;
  }

  /** Starts the cluster (again) on the same data directory and waits until it answers. */
  async up(): Promise<void> {
    await this.infra('up');
  }

  /** Stops the cluster; its data stays for the next `up`. */
  async down(): Promise<void> {
    await this.infra('down');
  }

  async destroy(): Promise<void> {
    await this.down();
    await rm(this.stateDir, { recursive: true, force: true });
    await rm(this.env.HOOKLINE_PG_DIR as string, { recursive: true, force: true });
  }

  private async infra(command: 'up' | 'down'): Promise<void> {
    await run(process.execPath, [path.join(ROOT, 'tools/infra/cli.mjs'), command, 'postgres'], {
      cwd: ROOT,
      env: this.env,
    }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`tools/infra ${command} failed for ${this.stateDir}: ${error.stderr ?? error.message}`);
    });
  }
}
