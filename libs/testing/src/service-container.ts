import { createWriteStream } from 'node:fs';
import type { StartedTestContainer } from 'testcontainers';
import { RunningService, type RunningServiceOptions, type ServiceExit } from './running-service';

/** The image is `hookline/<app>:<tag>`. */
export interface ServiceContainerOptions extends RunningServiceOptions {
  /** Image tag built by docker/build-images.sh; HOOKLINE_IMAGE_TAG or `test` by default. */
  tag?: string;
}

export function hooklineImage(app: string, tag = process.env.HOOKLINE_IMAGE_TAG ?? 'test'): string {
  return `hookline/${app}:${tag}`;
}

/** testcontainers is loaded only by the tests that run containers. */
const testcontainers = () => import('testcontainers');

/**
 * A Hookline service as a container of its production image, started through testcontainers on the
 * host network (it reaches the run's Kafka, Postgres and test receivers on loopback), with a read-only
 * root filesystem as in the Helm chart. Same surface as ServiceProcess, so a test runs against either.
 */
export class ServiceContainer extends RunningService<ServiceContainerOptions> {
  private container: StartedTestContainer | null = null;

  constructor(options: ServiceContainerOptions) {
    super(options, `${options.app}-container-${options.port}`);
  }

  get id(): string | undefined {
    return this.container?.getId();
  }

  async start({ waitForReady = true }: { waitForReady?: boolean } = {}): Promise<void> {
    const { GenericContainer } = await testcontainers();
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const definition = new GenericContainer(hooklineImage(this.options.app, this.options.tag))
      .withNetworkMode('host')
      .withEnvironment({ ...this.options.env, PORT: String(this.options.port) })
      .withDroppedCapabilities('ALL')
      .withSecurityOpt('no-new-privileges')
      .withLogConsumer((stream) => stream.pipe(log));
    readOnlyRootFilesystem(definition);
    this.container = await definition.start();
    if (waitForReady) {
      await this.waitForReady();
    }
  }

  /** A container takes longer than a process to come up. */
  override async waitForReady(timeoutMs = 90_000): Promise<void> {
    await super.waitForReady(timeoutMs);
  }

  /** Graceful stop: SIGTERM (docker stop), SIGKILL only after 30 s, as a kubelet with a grace period. */
  async stop(): Promise<void> {
    await this.end(30);
  }

  /** Crash: SIGKILL at once, no shutdown hooks run. */
  async kill(): Promise<void> {
    await this.end(0);
  }

  private async end(graceSeconds: number): Promise<void> {
    const container = this.container;
    if (!container) {
      return;
    }
    this.container = null;
    const { getContainerRuntimeClient } = await testcontainers();
    const client = await getContainerRuntimeClient();
    const handle = client.container.getById(container.getId());
    if (graceSeconds === 0) {
      await handle.kill({ signal: 'SIGKILL' }).catch(() => undefined);
    } else {
      await handle.stop({ t: graceSeconds }).catch(() => undefined);
    }
    const { State } = await handle.inspect();
    // Docker reports 137 for SIGKILL and 143 for an unhandled SIGTERM, like a shell would.
    const code = State.ExitCode;
    this.lastExit =
      code === 137 || code === 143
        ? { code: null, signal: code === 137 ? 'SIGKILL' : 'SIGTERM' }
        : { code, signal: null };
    await handle.remove({ force: true }).catch(() => undefined);
  }

  protected async exitIfStopped(): Promise<ServiceExit | null> {
    if (!this.container) {
      return { code: null, signal: null };
    }
    const { getContainerRuntimeClient } = await testcontainers();
    const client = await getContainerRuntimeClient();
    const { State } = await client.container.getById(this.container.getId()).inspect();
    return State.Running ? null : { code: State.ExitCode, signal: null };
  }
}

/** Runs `<image> <command>` to completion (e.g. `migrate`) and rejects with its output unless it exits 0. */
export async function runImageCommand(
  app: string,
  command: string,
  env: Record<string, string>,
): Promise<void> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await testcontainers();
  const container = await new GenericContainer(hooklineImage(app))
    .withNetworkMode('host')
    .withEnvironment(env)
    .withCommand([command])
    .withWaitStrategy(Wait.forOneShotStartup())
    .start()
    .catch((error: unknown) => {
      throw new Error(`${hooklineImage(app)} ${command} failed: ${(error as Error).message}`);
    });
  const client = await getContainerRuntimeClient();
  const handle = client.container.getById(container.getId());
  const { State } = await handle.inspect();
  await handle.remove({ force: true }).catch(() => undefined);
  if (State.ExitCode !== 0) {
    throw new Error(`${hooklineImage(app)} ${command} exited with ${State.ExitCode}`);
  }
}

/** The Helm chart runs every container with a read-only root; testcontainers has no option for it. */
function readOnlyRootFilesystem(definition: object): void {
  (definition as { hostConfig: { ReadonlyRootfs?: boolean } }).hostConfig.ReadonlyRootfs = true;
}
