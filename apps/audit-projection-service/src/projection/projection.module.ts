import { Module } from '@nestjs/common';
import { AttemptsConsumer } from './attempts.consumer';
import { ProjectionRepository } from './projection.repository';
import { ProjectionService } from './projection.service';

@Module({
  providers: [AttemptsConsumer, ProjectionService, ProjectionRepository],
})
export class ProjectionModule {}
