import type { WebhookState } from '@hookline/contracts';

export type RoutingChange = 'upserted' | 'removed' | 'stale' | 'absent';

/**
 * The delivery view of `hookline.subscriptions.v1`: latest state per webhook, indexed by
 * organization. Secrets stay encrypted in here; they are opened only when a request is signed.
 */
export class RoutingTable {
  private readonly byId = new Map<string, WebhookState>();
  private readonly byOrganization = new Map<string, Map<string, WebhookState>>();

  get size(): number {
    return this.byId.size;
  }

  get(webhookId: string): WebhookState | null {
    return this.byId.get(webhookId) ?? null;
  }

  webhooksOf(organizationId: string): Iterable<WebhookState> {
    return this.byOrganization.get(organizationId)?.values() ?? [];
  }

  /** `null` is a tombstone. A state older than the one held is ignored (a replayed or reordered write). */
  apply(webhookId: string, state: WebhookState | null): RoutingChange {
    const held = this.byId.get(webhookId);
    if (state === null) {
      if (held === undefined) {
        return 'absent';
      }
      this.remove(held);
      return 'removed';
    }
    if (held !== undefined) {
      if (state.version < held.version) {
        return 'stale';
      }
      this.remove(held);
    }
    this.byId.set(webhookId, state);
    const organization = this.byOrganization.get(state.organizationId) ?? new Map<string, WebhookState>();
    organization.set(webhookId, state);
    this.byOrganization.set(state.organizationId, organization);
    return 'upserted';
  }

  private remove(state: WebhookState): void {
    this.byId.delete(state.id);
    const organization = this.byOrganization.get(state.organizationId);
    organization?.delete(state.id);
    if (organization?.size === 0) {
      this.byOrganization.delete(state.organizationId);
    }
  }
}
