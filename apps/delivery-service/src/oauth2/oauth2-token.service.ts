import { Injectable } from '@nestjs/common';
import { DeliveryEnv } from '../config/delivery.env';
import type { OAuth2Client } from './oauth2-client';
import { OAuth2TokenCache } from './oauth2-token.cache';
import { OAuth2TokenClient } from './oauth2-token.client';

/** Access tokens of webhooks that authenticate with OAuth2 client credentials, fetched once and shared. */
@Injectable()
export class OAuth2TokenService {
  private readonly cache = new OAuth2TokenCache();
  private readonly userAgent: string;

  constructor(
    private readonly client: OAuth2TokenClient,
    config: DeliveryEnv,
  ) {
    this.userAgent = `Hookline/${config.DELIVERY_USER_AGENT_VERSION}`;
  }

  /** Rejects when the token endpoint gives no usable token (see `TokenEndpointError`). */
  tokenFor(webhookId: string, client: OAuth2Client): Promise<string> {
    return this.cache.token(webhookId, client.credentialKey, () =>
      this.client.fetchToken(client, this.userAgent),
    );
  }

  /** A token to replace `rejected`, which the endpoint answered 401 to. */
  replaceRejected(webhookId: string, client: OAuth2Client, rejected: string): Promise<string> {
    return this.cache.replaceRejected(webhookId, client.credentialKey, rejected, () =>
      this.client.fetchToken(client, this.userAgent),
    );
  }
}
