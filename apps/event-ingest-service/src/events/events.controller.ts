import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequireScopes, type Principal } from '@hookline/platform';
import { AcceptedBatchDto, AcceptedEventDto } from './dto/accepted.dto';
import { IngestBatchDto } from './dto/ingest-batch.dto';
import { IngestEventDto } from './dto/ingest-event.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireScopes(['events:write'], { serviceToken: true })
  @ApiOperation({ summary: 'Publish one event; answers once Kafka has acknowledged it' })
  @ApiAcceptedResponse({ type: AcceptedEventDto })
  @ApiBadRequestResponse({
    description: 'Invalid JSON, unknown event type, or data that fails the type contract',
  })
  @ApiConflictResponse({ description: 'idempotencyKey reused with a different request' })
  async publish(
    @CurrentPrincipal() principal: Principal,
    @Body() body: IngestEventDto,
  ): Promise<AcceptedEventDto> {
    return { id: await this.events.accept(principal, body) };
  }

  @Post('batch')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireScopes(['events:write'], { serviceToken: true })
  @ApiOperation({ summary: 'Publish several events at once: all are accepted, or none' })
  @ApiAcceptedResponse({ type: AcceptedBatchDto })
  @ApiBadRequestResponse({
    description: 'Any invalid event refuses the whole batch; messages name events[i]',
  })
  async publishBatch(
    @CurrentPrincipal() principal: Principal,
    @Body() body: IngestBatchDto,
  ): Promise<AcceptedBatchDto> {
    return { ids: await this.events.acceptBatch(principal, body.events) };
  }
}
