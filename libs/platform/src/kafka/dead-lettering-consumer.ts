import { KafkaBatchConsumer, type BatchConsumerOptions, type DeadLetter } from '@hookline/kafka';
import type { Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { isPermanentDataError } from '../database/is-permanent-data-error';
import { trackConsumerFailures } from './consumer-health';

export interface DeadLetteringConsumerOptions extends Omit<BatchConsumerOptions, 'poison'> {
  /** Names the consumer in its dead letters and in `hookline_consumer_failing_seconds`. */
  name: string;
  /** Parks messages that fail alone on the DLQ; the partition then moves past them. */
  park: (letters: DeadLetter[]) => Promise<void>;
}

/**
 * A batch consumer of a service that writes what it reads to Postgres: a batch Postgres refuses for
 * its data is split until the refused messages are found and parked, and its failures are measured.
 */
export function createDeadLetteringConsumer(
  kafka: Kafka,
  registry: Registry,
  { name, park, ...options }: DeadLetteringConsumerOptions,
): KafkaBatchConsumer {
  const consumer = new KafkaBatchConsumer(kafka, {
    ...options,
    poison: { isPermanent: isPermanentDataError, park, consumer: name },
  });
  trackConsumerFailures(registry, name, consumer);
  return consumer;
}
