import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { ApiKeyUsageService } from './api-key-usage.service';
import { DatabaseApiKeyVerifier } from './api-key-verifier.service';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

@Module({
  imports: [OutboxModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeyUsageService, DatabaseApiKeyVerifier],
  exports: [ApiKeysService, DatabaseApiKeyVerifier],
})
export class ApiKeysModule {}
