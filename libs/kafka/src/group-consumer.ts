import type { Consumer, Kafka } from 'kafkajs';

/** What the consumers of this lib ask kafkajs for; anything left out takes the shared default. */
export interface GroupConsumerSettings {
  groupId: string;
  /** How long an empty fetch waits at the broker. */
  maxWaitTimeInMs?: number;
  minBytes?: number;
  maxBytesPerPartition?: number;
  sessionTimeoutMs?: number;
  /** Tries of a failed request before kafkajs reports a crash; 10 unless the owner must never crash. */
  retries?: number;
}

/**
 * A kafkajs group consumer with the settings every consumer here shares: topics are never created by
 * reading them (a typo would otherwise make an empty topic), and kafkajs retries a failed request a
 * few times before it reports a crash.
 */
export function createGroupConsumer(kafka: Kafka, settings: GroupConsumerSettings): Consumer {
  return kafka.consumer({
    groupId: settings.groupId,
    maxWaitTimeInMs: settings.maxWaitTimeInMs ?? 100,
    ...(settings.minBytes === undefined ? {} : { minBytes: settings.minBytes }),
    ...(settings.maxBytesPerPartition === undefined
      ? {}
      : { maxBytesPerPartition: settings.maxBytesPerPartition }),
    sessionTimeout: settings.sessionTimeoutMs ?? 30_000,
    heartbeatInterval: 3_000,
    allowAutoTopicCreation: false,
    retry: { retries: settings.retries ?? 10, initialRetryTime: 300, maxRetryTime: 5_000 },
  });
}

export interface CrashRecoveryOptions {
  delayMs: number;
  /** False once the owner stops: a crash then is left alone. */
  isActive(): boolean;
  /** The owner's current kafkajs consumer; a crashed one that was already replaced is not restarted twice. */
  current(): Consumer | null;
  /** Starts a fresh kafkajs consumer (the owner's own start). */
  start(): Promise<void>;
  /** A restart failed; another follows after `delayMs`. */
  onRestartFailed(error: Error): void;
}

/**
 * Replaces a kafkajs consumer that crashed for good. kafkajs restarts itself after a retriable error,
 * but after a non-retriable one it stops and stays stopped, which would leave the service running
 * with no consumer; here a fresh one is started after a delay, again until one starts.
 */
export class CrashRecovery {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: CrashRecoveryOptions) {}

  schedule(crashed: Consumer): void {
    this.cancel();
    this.timer = setTimeout(() => void this.restart(crashed), this.options.delayMs);
  }

  cancel(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = null;
  }

  private async restart(crashed: Consumer): Promise<void> {
    this.timer = null;
    if (!this.options.isActive() || this.options.current() !== crashed) {
      return;
    }
    await crashed.disconnect().catch(() => undefined);
    try {
      await this.options.start();
    } catch (error) {
      this.options.onRestartFailed(error instanceof Error ? error : new Error(String(error)));
      this.schedule(this.options.current() ?? crashed);
    }
  }
}
