import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ConsumerInfrastructure } from '../common/validated-messages.consumer';
import { EndpointSignalsConsumer } from './endpoint-signals.consumer';
import { EndpointSignalsService } from './endpoint-signals.service';

/** Delivery's signals about endpoints (e.g. disable after 410 Gone), applied to the webhooks. */
@Module({
  imports: [WebhooksModule],
  providers: [EndpointSignalsService, EndpointSignalsConsumer, ConsumerInfrastructure],
  exports: [EndpointSignalsConsumer],
})
export class EndpointSignalsModule {}
