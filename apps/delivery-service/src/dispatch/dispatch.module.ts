import { Module } from '@nestjs/common';
import { AttemptsModule } from '../attempts/attempts.module';
import { RoutingModule } from '../routing/routing.module';
import { DispatchService } from './dispatch.service';
import { DomainEventsConsumer } from './domain-events.consumer';

@Module({
  imports: [RoutingModule, AttemptsModule],
  providers: [DispatchService, DomainEventsConsumer],
  exports: [DomainEventsConsumer],
})
export class DispatchModule {}
