import { Body, Controller, Get, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentOrganization } from '@hookline/platform';
import { ReadRoute, WriteRoute } from '../common/api-route.decorator';
import { BackfillListResponse } from './dto/backfill-list.response';
import { BackfillResponse, toBackfillResponse } from './dto/backfill.response';
import { CreateBackfillDto } from './dto/create-backfill.dto';
import { BackfillsService } from './backfills.service';

const NOT_FOUND = 'No such webhook (or backfill of it) in your organization';

@ApiTags('backfills')
@Controller('v1/webhooks/:id')
export class BackfillsController {
  constructor(private readonly backfills: BackfillsService) {}

  @Post('backfill')
  @WriteRoute({
    summary: 'Send past events to the webhook',
    description:
      'Replays the events accepted in [since, until) that the webhook takes (its event types and payload filter) from the domain topics’ retention, at a pace that leaves live traffic first. Each replayed delivery is marked with the backfill’s id in the delivery log; an event the webhook already got keeps its delivery id and `webhook-id`.',
    status: HttpStatus.ACCEPTED,
    type: BackfillResponse,
    badRequest: 'The window or an event type is invalid; every problem is listed in details',
    notFound: NOT_FOUND,
    conflict: 'The webhook is inactive, or already has a backfill pending or running',
  })
  async create(
    @CurrentOrganization() organizationId: string,
    @Param('id') webhookId: string,
    @Body() body: CreateBackfillDto,
  ): Promise<BackfillResponse> {
    return toBackfillResponse(await this.backfills.create(organizationId, webhookId, body));
  }

  @Get('backfills')
  @ReadRoute({
    summary: "The webhook's backfills with their progress, newest first (the latest 50)",
    type: BackfillListResponse,
    notFound: NOT_FOUND,
  })
  async list(
    @CurrentOrganization() organizationId: string,
    @Param('id') webhookId: string,
  ): Promise<BackfillListResponse> {
    const backfills = await this.backfills.list(organizationId, webhookId);
    return { items: backfills.map(toBackfillResponse) };
  }

  @Get('backfills/:backfillId')
  @ReadRoute({ summary: 'A backfill with its progress', type: BackfillResponse, notFound: NOT_FOUND })
  async get(
    @CurrentOrganization() organizationId: string,
    @Param('id') webhookId: string,
    @Param('backfillId') backfillId: string,
  ): Promise<BackfillResponse> {
    return toBackfillResponse(await this.backfills.get(organizationId, webhookId, backfillId));
  }

  @Post('backfills/:backfillId/cancel')
  @WriteRoute({
    summary: 'Stop a backfill',
    description: 'Delivery hands over no further event of it; deliveries already handed over finish.',
    type: BackfillResponse,
    notFound: NOT_FOUND,
    conflict: 'The backfill already completed, failed or was cancelled',
  })
  async cancel(
    @CurrentOrganization() organizationId: string,
    @Param('id') webhookId: string,
    @Param('backfillId') backfillId: string,
  ): Promise<BackfillResponse> {
    return toBackfillResponse(await this.backfills.cancel(organizationId, webhookId, backfillId));
  }
}
