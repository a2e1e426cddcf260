import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ExpiredSecretsCleanupService } from './expired-secrets-cleanup.service';
import { SecretsReencryptionService } from './secrets-reencryption.service';
import { SigningSecretsController } from './signing-secrets.controller';
import { SigningSecretsService } from './signing-secrets.service';

/** Reading and rotating signing secrets, and the jobs that retire expired ones and re-encrypt old ones. */
@Module({
  imports: [WebhooksModule],
  controllers: [SigningSecretsController],
  providers: [SigningSecretsService, ExpiredSecretsCleanupService, SecretsReencryptionService],
})
export class SigningSecretsModule {}
