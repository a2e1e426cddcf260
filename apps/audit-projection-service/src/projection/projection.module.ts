import { Module } from '@nestjs/common';
import { RetentionModule } from '../retention/retention.module';
import { AttemptsConsumer } from './attempts.consumer';
import { ProjectionRepository } from './projection.repository';
import { ProjectionService } from './projection.service';

@Module({
  imports: [RetentionModule],
  providers: [AttemptsConsumer, ProjectionService, ProjectionRepository],
  exports: [AttemptsConsumer, ProjectionService],
})
export class ProjectionModule {}
