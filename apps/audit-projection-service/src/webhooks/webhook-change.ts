/** What one `hookline.subscriptions.v1` record says about a webhook. */
export type WebhookChange =
  | {
      kind: 'state';
      id: string;
      organizationId: string;
      url: string;
      version: number;
      updatedAt: string;
    }
  | { kind: 'deleted'; id: string; deletedAt: string };
