import { Injectable } from '@nestjs/common';
import {
  ArrayOverlap,
  DataSource,
  IsNull,
  LessThan,
  MoreThan,
  type EntityManager,
  type FindOptionsWhere,
} from 'typeorm';
import { findRow, type RowLookup } from '../database/find-row';
import { WebhookSecret } from './webhook-secret.entity';
import { Webhook } from './webhook.entity';

export interface WebhookFilter {
  /** Only webhooks older than this id (the page continues after it). */
  beforeId: string | null;
  active: boolean | null;
  /** Only webhooks subscribed with one of these patterns. */
  anyPattern: readonly string[] | null;
}

const SECRET_TABLE = '"subscription"."webhook_secret"';
const WEBHOOK_TABLE = '"subscription"."webhook"';

/** Queries of the webhooks feature; each is served by an index of the migrations. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The webhook when it belongs to the organization; `forUpdate` locks it until the transaction ends. */
  findOwned(organizationId: string, id: string, lookup: RowLookup = {}): Promise<Webhook | null> {
    return findRow(this.dataSource.manager, Webhook, { id, organizationId }, lookup);
  }

  /** For background jobs, which act on any organization's webhook: locked until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<Webhook | null> {
    return findRow(manager, Webhook, { id }, { forUpdate: true });
  }

  /** Newest first (the org index scanned backwards); the filters narrow that scan. */
  listPage(organizationId: string, filter: WebhookFilter, take: number): Promise<Webhook[]> {
    const where: FindOptionsWhere<Webhook> = { organizationId };
    if (filter.beforeId !== null) {
      where.id = LessThan(filter.beforeId);
    }
    if (filter.active !== null) {
      where.active = filter.active;
    }
    if (filter.anyPattern !== null) {
      where.events = ArrayOverlap([...filter.anyPattern]);
    }
    return this.dataSource.manager.find(Webhook, { where, order: { id: 'DESC' }, take });
  }

  /** Whether an active webhook of the organization subscribes with one of `patterns`. */
  /** Whether an active webhook subscribes with one of `patterns`, and whether one of them has no filter. */
  async activeSubscribers(
    organizationId: string,
    patterns: readonly string[],
  ): Promise<{ active: boolean; everyEvent: boolean }> {
    const row = await this.dataSource.manager
      .createQueryBuilder(Webhook, 'webhook')
      .select('count(*) > 0', 'active')
      .addSelect('coalesce(bool_or(webhook.filter IS NULL), false)', 'everyEvent')
      .where('webhook.organizationId = :organizationId', { organizationId })
      .andWhere('webhook.active')
      .andWhere('webhook.events && :patterns::text[]', { patterns: [...patterns] })
      .getRawOne<{ active: boolean; everyEvent: boolean }>();
    return { active: row?.active ?? false, everyEvent: row?.everyEvent ?? false };
  }

  /** The current secret and the rotated-out ones still in their grace period. */
  liveSecrets(manager: EntityManager, webhookId: string, now: Date): Promise<WebhookSecret[]> {
    return manager.find(WebhookSecret, {
      where: [
        { webhookId, expiresAt: IsNull() },
        { webhookId, expiresAt: MoreThan(now) },
      ],
    });
  }

  currentSecret(webhookId: string, manager = this.dataSource.manager): Promise<WebhookSecret | null> {
    return manager.findOneBy(WebhookSecret, { webhookId, expiresAt: IsNull() });
  }

  /** Every secret row of the webhook, including expired ones not yet cleaned up. */
  allSecrets(manager: EntityManager, webhookId: string): Promise<WebhookSecret[]> {
    return manager.find(WebhookSecret, { where: { webhookId } });
  }

  /** Deletes the webhook's secrets whose grace period ended; returns how many. */
  async deleteExpiredSecrets(manager: EntityManager, webhookId: string, now: Date): Promise<number> {
    const result = await manager.delete(WebhookSecret, { webhookId, expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }

  /** Webhooks with at least one secret past its grace period (served by the expires_at index). */
  async webhookIdsWithExpiredSecrets(now: Date, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ webhook_id: string }>>(
      `SELECT DISTINCT webhook_id FROM (
         SELECT webhook_id FROM ${SECRET_TABLE}
         WHERE expires_at IS NOT NULL AND expires_at < $1 ORDER BY expires_at LIMIT $2
       ) AS expired`,
      [now, limit],
    );
    return rows.map((row) => row.webhook_id);
  }

  /**
   * Webhooks after `afterId` (in id order) with a secret, credential or header value sealed by a
   * key other than `primaryKeyId`, or headers still in clear. A full scan, which is why the
   * re-encryption job runs rarely.
   */
  async webhookIdsSealedWithOtherKeys(
    primaryKeyId: string,
    afterId: string,
    limit: number,
  ): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM (
         SELECT webhook_id AS id FROM ${SECRET_TABLE} WHERE split_part(encrypted, '.', 2) <> $1
         UNION
         SELECT id FROM ${WEBHOOK_TABLE}
         WHERE split_part(coalesce(auth->>'encryptedPassword', auth->>'encryptedToken', auth->>'encryptedClientSecret', ''), '.', 2) NOT IN ($1, '')
           OR split_part(coalesce(tls->>'encryptedPrivateKey', ''), '.', 2) NOT IN ($1, '')
           OR headers <> '{}'::jsonb
           OR EXISTS (
             SELECT 1 FROM jsonb_each_text(encrypted_headers) AS header
             WHERE split_part(header.value, '.', 2) <> $1
           )
       ) AS sealed
       WHERE id > $2
       ORDER BY id LIMIT $3`,
      [primaryKeyId, afterId, limit],
    );
    return rows.map((row) => row.id);
  }
}
