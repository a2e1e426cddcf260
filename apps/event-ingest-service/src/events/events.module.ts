import { Module } from '@nestjs/common';
import { DEFAULT_MAX_PRODUCE_REQUEST_BYTES, KafkaPublisher, OutputSink } from '@hookline/kafka';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { IngestMetrics } from '../metrics/ingest.metrics';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Module({
  imports: [IdempotencyModule],
  controllers: [EventsController],
  providers: [
    {
      provide: OutputSink,
      inject: [KafkaPublisher],
      // Requests accepted while a produce is in flight share the next one; one larger than the cap goes alone.
      useFactory: (publisher: KafkaPublisher) =>
        new OutputSink(publisher, { maxBytesPerRequest: DEFAULT_MAX_PRODUCE_REQUEST_BYTES }),
    },
    EventsService,
    IngestMetrics,
  ],
})
export class EventsModule {}
