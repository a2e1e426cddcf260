import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequireScopes, CurrentOrganization } from '@hookline/platform';
import { StatsDto } from './dto/stats.dto';
import { StatsQueryDto } from './dto/stats.query.dto';
import { StatsService } from './stats.service';

@ApiTags('stats')
@RequireScopes(['deliveries:read'])
@Controller('v1/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  @ApiOperation({
    summary: 'Delivery statistics of the caller’s organization',
    description:
      'Attempt counts by outcome, delivery success rate and latency percentiles, in total, per webhook, per event type and per hour or UTC day. Served from hourly rollups.',
  })
  @ApiOkResponse({ type: StatsDto })
  @ApiBadRequestResponse({ description: 'A parameter is invalid or the range is too long for the bucket' })
  @ApiNotFoundResponse({ description: 'webhookId is not a webhook of the caller’s organization' })
  get(@CurrentOrganization() organizationId: string, @Query() query: StatsQueryDto): Promise<StatsDto> {
    return this.stats.statsFor(organizationId, query);
  }
}
