import { Injectable, Logger } from '@nestjs/common';
import {
  IdPrefix,
  newId,
  type AttemptExchange,
  type AttemptOutcome,
  type AttemptStart,
  type EventEnvelope,
  type WebhookState,
} from '@hookline/contracts';
import { EgressPolicy, redactHeaders } from '@hookline/security';
import { DeliveryEnv } from '../config/delivery.env';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { BoundedCache } from './bounded-cache';
import { OAuth2TokenService } from '../oauth2/oauth2-token.service';
import type { OAuth2Client } from '../oauth2/oauth2-client';
import { TokenEndpointError } from '../oauth2/token-endpoint.error';
import { bearerAuthorization, buildRequestHeaders } from './build-request-headers';
import { classifyOutcome, describeError, outcomeOfError } from './classify-outcome';
import { deliveryRefOf } from './delivery-ref-of';
import type { SerializedPayload } from './serialize-payload';
import {
  WebhookCredentialsService,
  usableSecrets,
  type WebhookCredentials,
} from './webhook-credentials.service';
import { WebhookHttpClient, type WebhookResponse } from './webhook-http.client';

/** One attempt of one delivery (an event to a webhook): a first attempt, a retry or a redelivery. */
export interface AttemptInput {
  deliveryId: string;
  /** 1 for the first attempt of the delivery. */
  attempt: number;
  event: EventEnvelope;
  webhook: WebhookState;
  payload: SerializedPayload;
}

/** `requestHeaders` is empty when nothing was sent. */
export interface AttemptResult extends AttemptExchange {
  attemptId: string;
  startedAt: Date;
}

/**
 * Writes an attempt's start where the log will find it (and resolves once it is durable), before
 * its request goes out; rejects if it cannot, and then no request is sent.
 */
export type RecordStart = (start: AttemptStart) => Promise<void>;

const MAX_TIMEOUT_SECONDS = 120;
/** URLs whose save-time egress verdict is remembered (the policy is fixed for the process). */
const URL_VERDICT_CACHE_CAPACITY = 10_000;

/**
 * Makes one HTTP attempt and says how it ended; it never throws for anything the endpoint or the
 * network does. Whether to attempt at all (expiry, breaker, limits, fair share) and what happens
 * next (done, retry, give up) are the pipeline's to decide.
 */
@Injectable()
export class AttemptDelivery {
  private readonly logger = new Logger(AttemptDelivery.name);
  private readonly userAgent: string;
  /** Per URL: null when the egress policy allows it, else why not. Connect-time checks still run. */
  private readonly urlVerdicts = new BoundedCache<string, string | null>(URL_VERDICT_CACHE_CAPACITY);

  constructor(
    private readonly credentials: WebhookCredentialsService,
    private readonly http: WebhookHttpClient,
    private readonly oauth2: OAuth2TokenService,
    private readonly egress: EgressPolicy,
    private readonly metrics: DeliveryMetrics,
    private readonly config: DeliveryEnv,
  ) {
    this.userAgent = `Hookline/${config.DELIVERY_USER_AGENT_VERSION}`;
  }

  /**
   * `recordStart` runs after the request is built and before it is sent, so a request that is
   * cut short by a crash is still in the log (as `interrupted`); its failure fails the attempt.
   */
  async execute(input: AttemptInput, recordStart: RecordStart): Promise<AttemptResult> {
    const refusal = this.urlRefusal(input.webhook.url);
    if (refusal !== null) {
      return this.notSent('blocked', `not sent: ${refusal}`);
    }
    return this.send(input, recordStart);
  }

  private async send(input: AttemptInput, recordStart: RecordStart): Promise<AttemptResult> {
    const { webhook, payload } = input;
    const attemptId = newId(IdPrefix.attempt);
    const startedAt = new Date();
    let credentials: WebhookCredentials;
    try {
      credentials = this.credentials.open(webhook);
    } catch (error) {
      return this.unauthenticated(webhook, error, startedAt);
    }
    const { oauth2 } = credentials;
    let accessToken: string | null = null;
    if (oauth2 !== null) {
      const token = await this.accessToken(webhook, oauth2, startedAt);
      if (typeof token !== 'string') {
        return token;
      }
      accessToken = token;
    }
    let headers: Record<string, string>;
    try {
      headers = buildRequestHeaders({
        eventId: input.event.id,
        attemptId,
        timestampSeconds: Math.floor(startedAt.getTime() / 1000),
        body: payload.body,
        userAgent: this.userAgent,
        signatureScheme: webhook.signatureScheme,
        signingSecrets: usableSecrets(credentials.secrets, startedAt),
        authorization: accessToken === null ? credentials.authorization : bearerAuthorization(accessToken),
        customHeaders: credentials.headers,
      });
    } catch (error) {
      return this.unauthenticated(webhook, error, startedAt);
    }

    const requestHeaders = redactHeaders(headers);
    await recordStart(attemptStartOf(input, attemptId, startedAt, requestHeaders));
    const timeoutMs = this.timeoutSecondsOf(webhook) * 1000;
    const clock = performance.now();
    this.metrics.inFlightRequests.inc();
    try {
      const endpoint = { webhookId: webhook.id, version: webhook.version, tls: credentials.tls };
      let response = await this.http.post(webhook.url, headers, payload.body, timeoutMs, endpoint);
      if (response.status === 401 && oauth2 !== null && accessToken !== null) {
        // The token may have been revoked or have expired early: one new token, and the request once more.
        let replacement: string;
        try {
          replacement = await this.oauth2.replaceRejected(webhook.id, oauth2, accessToken);
        } catch (error) {
          return this.finish(attemptId, tokenFailureOutcome(error), startedAt, clock, {
            ...exchangeOf(response, requestHeaders),
            error: `the endpoint answered 401 and no new access token came: ${describeTokenFailure(error)}`,
          });
        }
        headers = { ...headers, authorization: bearerAuthorization(replacement) };
        response = await this.http.post(webhook.url, headers, payload.body, timeoutMs, endpoint);
      }
      const outcome = classifyOutcome({ status: response.status });
      return this.finish(attemptId, outcome, startedAt, clock, exchangeOf(response, requestHeaders));
    } catch (error) {
      return this.finish(attemptId, classifyOutcome({ error }), startedAt, clock, {
        requestHeaders,
        responseStatus: null,
        responseHeaders: null,
        responseBody: null,
        responseBodyTruncated: false,
        error: describeError(error),
      });
    } finally {
      this.metrics.inFlightRequests.dec();
    }
  }

  /** The webhook's OAuth2 access token, or the result of an attempt that sent nothing without it. */
  private async accessToken(
    webhook: WebhookState,
    client: OAuth2Client,
    startedAt: Date,
  ): Promise<string | AttemptResult> {
    const refusal = this.urlRefusal(client.tokenUrl);
    if (refusal !== null) {
      return this.notSent('blocked', `not sent: token ${refusal}`, startedAt);
    }
    try {
      return await this.oauth2.tokenFor(webhook.id, client);
    } catch (error) {
      return this.notSent(
        tokenFailureOutcome(error),
        `not sent: no access token: ${describeTokenFailure(error)}`,
        startedAt,
      );
    }
  }

  private unauthenticated(webhook: WebhookState, error: unknown, startedAt: Date): AttemptResult {
    // Never send unsigned or unauthenticated: the endpoint would reject it, or worse, accept it.
    const reason = `not sent: cannot sign or authenticate the request: ${describeError(error)}`;
    this.logger.error(`Webhook ${webhook.id} (version ${webhook.version}): ${reason}`);
    return this.notSent('blocked', reason, startedAt);
  }

  private urlRefusal(url: string): string | null {
    const cached = this.urlVerdicts.get(url);
    if (cached !== undefined) {
      return cached;
    }
    const target = this.egress.checkUrl(url);
    const verdict = target.ok ? null : target.reason;
    this.urlVerdicts.set(url, verdict);
    return verdict;
  }

  private timeoutSecondsOf(webhook: WebhookState): number {
    const seconds =
      webhook.timeoutSeconds > 0 ? webhook.timeoutSeconds : this.config.DELIVERY_DEFAULT_TIMEOUT_SECONDS;
    return Math.min(seconds, MAX_TIMEOUT_SECONDS);
  }

  private finish(
    attemptId: string,
    outcome: AttemptOutcome,
    startedAt: Date,
    clock: number,
    exchange: Omit<AttemptResult, 'attemptId' | 'startedAt' | 'durationMs' | 'outcome'>,
  ): AttemptResult {
    const durationMs = Math.round(performance.now() - clock);
    this.metrics.recordAttempt(outcome, durationMs);
    return { attemptId, startedAt, durationMs, outcome, ...exchange };
  }

  private notSent(outcome: AttemptOutcome, error: string, startedAt = new Date()): AttemptResult {
    this.metrics.recordAttempt(outcome, 0);
    return notSentResult(outcome, error, startedAt);
  }
}

function exchangeOf(
  response: WebhookResponse,
  requestHeaders: Record<string, string>,
): Omit<AttemptExchange, 'durationMs' | 'outcome'> {
  return {
    requestHeaders,
    responseStatus: response.status,
    responseHeaders: redactHeaders(response.headers),
    responseBody: response.body,
    responseBodyTruncated: response.bodyTruncated,
    error: response.bodyError === null ? null : `response body unreadable: ${response.bodyError}`,
  };
}

/** A token URL refused after DNS is the egress policy's refusal; anything else, the token endpoint's failure. */
function tokenFailureOutcome(error: unknown): AttemptOutcome {
  return outcomeOfError(error) === 'blocked' ? 'blocked' : 'auth_failed';
}

function describeTokenFailure(error: unknown): string {
  return error instanceof TokenEndpointError
    ? error.message
    : `token endpoint request failed: ${describeError(error)}`;
}

function attemptStartOf(
  input: AttemptInput,
  attemptId: string,
  startedAt: Date,
  requestHeaders: Record<string, string>,
): AttemptStart {
  return {
    attemptId,
    ...deliveryRefOf(input),
    attempt: input.attempt,
    startedAt: startedAt.toISOString(),
    requestHeaders,
    eventOccurredAt: input.event.occurredAt,
  };
}

/** The result of an attempt that made no request (expired, refused by policy, cancelled). */
export function notSentResult(outcome: AttemptOutcome, error: string, startedAt = new Date()): AttemptResult {
  return {
    attemptId: newId(IdPrefix.attempt),
    startedAt,
    durationMs: 0,
    requestHeaders: {},
    responseStatus: null,
    responseHeaders: null,
    responseBody: null,
    responseBodyTruncated: false,
    outcome,
    error,
  };
}
