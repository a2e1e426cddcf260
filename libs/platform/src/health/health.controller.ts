import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';
import { ShutdownState } from './shutdown-state';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Every dependency (Kafka, Postgres, caught-up state) is reachable' })
  ready() {
    if (this.shutdown.shuttingDown) {
      const down = { shutdown: { status: 'down', message: 'shutting down: draining, taking no new work' } };
      throw new ServiceUnavailableException({ status: 'error', info: {}, error: down, details: down });
    }
    return this.health.check(
      this.checks.map((readiness) => async () => {
        const indicator = this.indicators.check(readiness.name);
        try {
          await readiness.check();
          return indicator.up();
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      }),
    );
  }
}
