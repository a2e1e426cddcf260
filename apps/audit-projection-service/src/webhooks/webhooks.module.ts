import { ProjectionConsumerDeps } from '../common/projection-consumer';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookStatesConsumer } from './webhook-states.consumer';
import { WebhookEntity } from './webhook.entity';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [TypeOrmModule.forFeature([WebhookEntity])],
  providers: [WebhookStatesConsumer, ProjectionConsumerDeps, WebhooksService, WebhooksRepository],
  exports: [WebhookStatesConsumer, WebhooksService],
})
export class WebhooksModule {}
