import { Module } from '@nestjs/common';
import { RetentionModule } from '../retention/retention.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { RecoveryController } from './recovery.controller';
import { RecoveryRepository } from './recovery.repository';
import { RecoveryService } from './recovery.service';

@Module({
  imports: [WebhooksModule, RetentionModule],
  controllers: [RecoveryController],
  providers: [RecoveryService, RecoveryRepository],
})
export class RecoveryModule {}
