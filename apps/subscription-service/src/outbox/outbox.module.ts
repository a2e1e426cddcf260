import { Module } from '@nestjs/common';
import { KafkaPublisher } from '@hookline/kafka';
import { SubscriptionEnv } from '../config/subscription.env';
import { OutboxListener, OUTBOX_LISTENER_DATABASE_URL } from './outbox-listener.service';
import { OutboxRelay, OUTBOX_PUBLISHER } from './outbox-relay.service';
import {
  DEFAULT_OUTBOX_RELAY_OPTIONS,
  OUTBOX_RELAY_OPTIONS,
  type OutboxRelayOptions,
} from './outbox-relay.options';
import { OUTBOX_STORE } from './outbox-store';
import { OutboxMetrics } from './outbox.metrics';
import { OutboxRepository } from './outbox.repository';

/** The transactional outbox: features append to it, the relay publishes it to Kafka. */
@Module({
  providers: [
    OutboxRepository,
    OutboxRelay,
    OutboxListener,
    OutboxMetrics,
    { provide: OUTBOX_STORE, useExisting: OutboxRepository },
    { provide: OUTBOX_PUBLISHER, useExisting: KafkaPublisher },
    {
      provide: OUTBOX_RELAY_OPTIONS,
      inject: [SubscriptionEnv],
      useFactory: (env: SubscriptionEnv): OutboxRelayOptions => ({
        ...DEFAULT_OUTBOX_RELAY_OPTIONS,
        pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
        batchSize: env.OUTBOX_BATCH_SIZE,
      }),
    },
    {
      provide: OUTBOX_LISTENER_DATABASE_URL,
      inject: [SubscriptionEnv],
      useFactory: (env: SubscriptionEnv): string => env.DATABASE_URL,
    },
  ],
  exports: [OutboxRepository, OutboxRelay],
})
export class OutboxModule {}
