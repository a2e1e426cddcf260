import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { PortalSessionsController } from './portal-sessions.controller';
import { PortalSessionsRepository } from './portal-sessions.repository';
import { PortalSessionsService } from './portal-sessions.service';
import { PortalStaticMiddleware } from './portal-static.middleware';

/** Portal sessions (short-lived organization tokens) and the portal app served under `/portal/`. */
@Module({
  controllers: [PortalSessionsController],
  providers: [PortalSessionsService, PortalSessionsRepository],
})
export class PortalSessionsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(PortalStaticMiddleware)
      .forRoutes(
        { path: 'portal', method: RequestMethod.GET },
        { path: 'portal/*path', method: RequestMethod.GET },
      );
  }
}
