import type { Kafka } from 'kafkajs';
import type { Validated } from '@hookline/contracts';
import { decodeValidated } from './codec';
import { CompactedTopicReader } from './compacted-topic-reader';

export interface CompactedTopicTableOptions {
  topic: string;
  /** Prefix of the reader's throwaway consumer group. */
  groupPrefix: string;
}

/**
 * A process's table of the values on a compacted topic, read from the beginning at every start.
 * Each record's value is decoded and validated; a tombstone or a value that does not read clears
 * the key, so an unreadable value never leaves an older one applying (the record stays on the topic
 * until its owner writes a valid one). Subclasses keep the values in whatever index they answer from.
 *
 * The hooks carry Nest's lifecycle names, so a provider that extends the table is started and stopped
 * with its app, and `check` serves as its readiness check.
 */
export abstract class CompactedTopicTable<T> {
  private readonly topic: string;
  private readonly reader: CompactedTopicReader;

  protected constructor(kafka: Kafka, options: CompactedTopicTableOptions) {
    this.topic = options.topic;
    this.reader = new CompactedTopicReader(kafka, {
      ...options,
      onRecord: (key, value) => this.applyRecord(key, value),
    });
  }

  /** Resolves once every value published before this process started is held. */
  get ready(): Promise<void> {
    return this.reader.ready;
  }

  get caughtUp(): boolean {
    return this.reader.caughtUp;
  }

  async onModuleInit(): Promise<void> {
    await this.reader.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reader.stop();
  }

  async check(): Promise<void> {
    if (!this.reader.caughtUp) {
      throw new Error(`still reading ${this.topic} from the beginning`);
    }
  }

  /** Applies one record of the compacted topic; exposed for the reader callback and tests. */
  applyRecord(key: string, value: Buffer | null): void {
    const parsed = value === null ? null : decodeValidated(value, (decoded) => this.validate(key, decoded));
    this.hold(key, parsed?.ok ? parsed.value : null);
    if (parsed?.ok === false) {
      this.rejected(key, parsed.reason);
    }
  }

  /** Checks a decoded value of `key` before it is held. */
  protected abstract validate(key: string, decoded: unknown): Validated<T>;

  /** Holds `value` for `key`, or drops the key on `null`. */
  protected abstract hold(key: string, value: T | null): void;

  /** Told of a value that did not read, after its key was dropped. */
  protected abstract rejected(key: string, reason: string): void;
}

/** `hold` of a table indexed by key alone: `value` under `key` in `index`, or the key dropped on `null`. */
export function holdByKey<T>(index: Map<string, T>, key: string, value: T | null): void {
  if (value === null) {
    index.delete(key);
  } else {
    index.set(key, value);
  }
}
