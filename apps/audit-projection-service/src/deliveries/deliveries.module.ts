import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AttemptEntity } from './attempt.entity';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveriesService } from './deliveries.service';
import { DeliveryEntity } from './delivery.entity';
import { PayloadEntity } from './payload.entity';

@Module({
  imports: [TypeOrmModule.forFeature([DeliveryEntity, AttemptEntity, PayloadEntity]), WebhooksModule],
  controllers: [DeliveriesController],
  providers: [DeliveriesService, DeliveriesRepository],
})
export class DeliveriesModule {}
