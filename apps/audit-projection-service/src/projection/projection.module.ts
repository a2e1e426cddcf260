import { ProjectionConsumerDeps } from '../common/projection-consumer';
import { Module } from '@nestjs/common';
import { RetentionModule } from '../retention/retention.module';
import { AttemptsConsumer } from './attempts.consumer';
import { InterruptedAttemptsSweeper } from './interrupted-attempts.sweeper';
import { ProjectionRepository } from './projection.repository';
import { ProjectionService } from './projection.service';

@Module({
  imports: [RetentionModule],
  providers: [
    AttemptsConsumer,
    ProjectionConsumerDeps,
    ProjectionService,
    ProjectionRepository,
    InterruptedAttemptsSweeper,
  ],
  exports: [AttemptsConsumer, ProjectionService, InterruptedAttemptsSweeper],
})
export class ProjectionModule {}
