import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { SigningSecretRotationService } from './signing-secret-rotation.service';
import { WebhookChangesService } from './webhook-changes.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [OutboxModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhooksRepository, WebhookChangesService, SigningSecretRotationService],
  exports: [WebhooksService, WebhooksRepository, WebhookChangesService, SigningSecretRotationService],
})
export class WebhooksModule {}
