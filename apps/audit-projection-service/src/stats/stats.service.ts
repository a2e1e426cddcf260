import { Injectable } from '@nestjs/common';
import { WebhooksService } from '../webhooks/webhooks.service';
import type { StatsDto } from './dto/stats.dto';
import type { StatsQueryDto } from './dto/stats.query.dto';
import { toStatsDto } from './map-stats';
import { resolveStatsRange } from './stats-range';
import { AuditApiException } from '../common/audit-api.exception';
import { StatsRepository } from './stats.repository';

@Injectable()
export class StatsService {
  constructor(
    private readonly repository: StatsRepository,
    private readonly webhooks: WebhooksService,
  ) {}

  /** Statistics of the caller's organization, read from the hourly rollups only. */
  async statsFor(organizationId: string, query: StatsQueryDto, now: Date = new Date()): Promise<StatsDto> {
    const resolved = resolveStatsRange(query, now);
    if (!resolved.ok) {
      throw AuditApiException.invalidRange(resolved.reason);
    }
    const webhookId = query.webhookId ?? null;
    if (webhookId !== null && (await this.webhooks.findOwned(organizationId, webhookId)) === null) {
      throw AuditApiException.webhookNotFound(webhookId);
    }
    const filter = { webhookId, eventType: query.eventType ?? null };
    const aggregates = await this.repository.aggregate({ organizationId, range: resolved.range, ...filter });
    return toStatsDto(resolved.range, filter, aggregates);
  }
}
