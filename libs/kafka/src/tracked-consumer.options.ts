import type { KafkaMessage } from 'kafkajs';

export interface IncomingBatch {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
}

export interface BatchHandling {
  /** One promise per message taken, from the first message on; it settles when that message's work is durable. */
  taken: Array<Promise<unknown>>;
  /** When not every message was taken: the partition pauses and the rest is read again from this instant. */
  resumeAtMs?: number;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface ConsumerLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface TrackedConsumerOptions {
  groupId: string;
  topics: Array<string | RegExp>;
  /** Where a partition without a committed offset starts; that start is committed at once. */
  startFrom: 'earliest' | 'latest';
  partitionsConsumedConcurrently: number;
  /** Messages of one partition taken and not finished; at this count the partition pauses until half drained. */
  maxInFlightPerPartition: number;
  /** Must return promptly: it starts the work, it does not wait for it. */
  handleBatch: (batch: IncomingBatch) => BatchHandling | Promise<BatchHandling>;
  /** In-memory state kept per partition is void: these partitions are read again from their last commit. */
  onPartitionsReset?: (partitions: TopicPartition[] | 'all') => void;
  /** A message's work failed: the partition is read again from its first unfinished offset, after a backoff. */
  onHandlingError: (error: Error, at: TopicPartition & { offset: string }) => void;
  log: ConsumerLog;
  commitIntervalMs?: number;
  sessionTimeoutMs?: number;
  maxWaitTimeInMs?: number;
}
