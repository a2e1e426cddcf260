import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { findRow, type RowLookup } from '../database/find-row';
import { Backfill } from './backfill.entity';

@Injectable()
export class BackfillsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, backfill: Backfill): Promise<void> {
    await manager.insert(Backfill, backfill);
  }

  /** The webhook's unfinished backfill (pending or running), if any. */
  findUnfinished(manager: EntityManager, webhookId: string): Promise<Backfill | null> {
    return manager.findOne(Backfill, { where: { webhookId, status: In(['pending', 'running']) } });
  }

  /** The webhook's backfills, newest first. */
  listOfWebhook(organizationId: string, webhookId: string, limit: number): Promise<Backfill[]> {
    return this.dataSource.manager.find(Backfill, {
      where: { organizationId, webhookId },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  findOwned(
    organizationId: string,
    webhookId: string,
    id: string,
    lookup: RowLookup = {},
  ): Promise<Backfill | null> {
    return findRow(this.dataSource.manager, Backfill, { id, organizationId, webhookId }, lookup);
  }

  lockById(manager: EntityManager, id: string): Promise<Backfill | null> {
    return findRow(manager, Backfill, { id }, { forUpdate: true });
  }

  async update(manager: EntityManager, id: string, patch: Partial<Backfill>): Promise<void> {
    await manager.update(Backfill, { id }, patch);
  }
}
