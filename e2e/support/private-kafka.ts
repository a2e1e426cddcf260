import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/**
 * A Kafka broker of this test alone, started by tools/infra with its own ports and data directory, so the
 * test may stop and restart it without disturbing anything else on the shared broker. The jars come from
 * the shared cache; only the broker is started and stopped (`up kafka`, `down kafka`).
 */
export class PrivateKafka {
  private constructor(
    private readonly stateDir: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly brokers: string,
  ) {}

  static async start(): Promise<PrivateKafka> {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'hookline-e2e-kafka-'));
    const [port, controllerPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOOKLINE_STATE_DIR: stateDir,
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(controllerPort),
    };
    delete env.KAFKA_BROKERS;
    const kafka = new PrivateKafka(stateDir, env, `127.0.0.1:${port}`);
    await kafka.up();
    return kafka;
  }

  /** Starts the broker (again) on the same data directory and waits until it answers. */
  async up(): Promise<void> {
    await this.infra('up');
  }

  /** Stops the broker; its data stays for the next `up`. */
  async down(): Promise<void> {
    await this.infra('down');
  }

  async destroy(): Promise<void> {
    await this.down();
    await rm(this.stateDir, { recursive: true, force: true });
  }

  private async infra(command: 'up' | 'down'): Promise<void> {
    await run(process.execPath, [path.join(ROOT, 'tools/infra/cli.mjs'), command, 'kafka'], {
      cwd: ROOT,
      env: this.env,
    }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`tools/infra ${command} failed for ${this.stateDir}: ${error.stderr ?? error.message}`);
    });
  }
}
