import { Module } from '@nestjs/common';
import { IdempotencyPruner } from './idempotency-pruner';
import { IdempotencyRepository } from './idempotency.repository';

@Module({
  providers: [IdempotencyRepository, IdempotencyPruner],
  exports: [IdempotencyRepository],
})
export class IdempotencyModule {}
