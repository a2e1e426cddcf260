import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import {
  KafkaHeaders,
  domainMessageKey,
  domainTopicOfType,
  newId,
  type EventEnvelope,
} from '@hookline/contracts';
import { OutputSink, type OutgoingMessage } from '@hookline/kafka';
import type { Principal } from '@hookline/platform';
import { IdempotencyRepository, type IdempotencyClaim } from '../idempotency/idempotency.repository';
import { IngestMetrics } from '../metrics/ingest.metrics';
import { requestHash } from '../idempotency/request-hash';
import { catalogErrors } from './catalog-errors';
import { INGEST_OPTIONS, type IngestOptions } from './ingest-options';
import type { IngestEventDto } from './dto/ingest-event.dto';
import { resolveOrganization } from './resolve-organization';

interface PreparedEvent {
  envelope: EventEnvelope;
  /** Only for a request with an idempotency key: the hash tells a retry from a different request. */
  idempotency: { key: string; requestHash: string } | null;
}

interface ClaimedEvent {
  envelope: EventEnvelope;
  idempotencyKey: string | null;
  alreadyPublished: boolean;
}

/**
 * Validates events against the contracts and writes them to their domain topic. Resolves only
 * after Kafka acknowledged every write (`acks: -1`), so a 202 means the event is durable; the
 * writes of concurrent requests share produce requests (`OutputSink`).
 */
@Injectable()
export class EventsService {
  constructor(
    private readonly sink: OutputSink,
    private readonly idempotency: IdempotencyRepository,
    @Inject(INGEST_OPTIONS) private readonly options: IngestOptions,
    private readonly metrics: IngestMetrics,
  ) {}

  async accept(principal: Principal, input: IngestEventDto): Promise<string> {
    const [id] = await this.acceptMany(principal, [input], (errors) => errors);
    return id;
  }

  async acceptBatch(principal: Principal, inputs: IngestEventDto[]): Promise<string[]> {
    if (inputs.length > this.options.maxBatchSize) {
      throw new BadRequestException(`events must contain at most ${this.options.maxBatchSize} events`);
    }
    return this.acceptMany(principal, inputs, (errors, index) =>
      errors.map((error) => `events[${index}].${error}`),
    );
  }

  private async acceptMany(
    principal: Principal,
    inputs: IngestEventDto[],
    describe: (errors: string[], index: number) => string[],
  ): Promise<string[]> {
    const prepared = inputs.map((input) => this.prepare(principal, input));
    const errors = prepared.flatMap((result, index) =>
      'errors' in result ? describe(result.errors, index) : [],
    );
    if (errors.length > 0) {
      this.metrics.refused.inc(prepared.filter((result) => 'errors' in result).length);
      throw new BadRequestException({ error: 'Bad Request', message: errors });
    }
    const events = await this.applyIdempotency(
      prepared.map((result) => (result as { event: PreparedEvent }).event),
    );
    const fresh = events.filter((event) => !event.alreadyPublished).map((event) => event.envelope);
    const endPublish = this.metrics.publishDuration.startTimer();
    await this.publish(fresh);
    endPublish();
    for (const envelope of fresh) {
      this.metrics.accepted.inc({ type: envelope.type });
    }
    this.metrics.idempotentReplays.inc(events.length - fresh.length);
    await this.markPublished(events);
    return events.map((event) => event.envelope.id);
  }

  /** `input` was validated by the `ValidationPipe`; only what it cannot know is checked here. */
  private prepare(
    principal: Principal,
    input: IngestEventDto,
  ): { event: PreparedEvent } | { errors: string[] } {
    const { idempotencyKey, ...content } = input;
    const organizationId = resolveOrganization(principal, input.organizationId);
    const errors = catalogErrors(input, organizationId);
    if (errors.length > 0) {
      return { errors };
    }
    const envelope: EventEnvelope = {
      id: newId('evt'),
      type: input.type,
      organizationId,
      subject: input.subject,
      occurredAt: input.occurredAt ?? new Date().toISOString(),
      ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
      data: input.data,
    };
    return {
      event: {
        envelope,
        idempotency:
          idempotencyKey === undefined || idempotencyKey === null
            ? null
            : { key: idempotencyKey, requestHash: requestHash({ ...content, organizationId }) },
      },
    };
  }

  /** Claims every key of the request at once: a conflict refuses the request and claims none of them. */
  private async applyIdempotency(prepared: PreparedEvent[]): Promise<ClaimedEvent[]> {
    const claims = new Map<PreparedEvent, IdempotencyClaim>();
    for (const event of prepared) {
      if (event.idempotency === null) {
        continue;
      }
      claims.set(event, {
        organizationId: event.envelope.organizationId,
        key: event.idempotency.key,
        requestHash: event.idempotency.requestHash,
        envelope: event.envelope,
      });
    }
    const claimed = await this.idempotency.claimAll(
      [...claims.values()],
      this.options.idempotencyTtlHours,
      (key, claim) => {
        if (!key.isNew && key.requestHash !== claim.requestHash) {
          throw new ConflictException(
            `idempotencyKey "${claim.key}" was already used with a different request`,
          );
        }
        return key;
      },
    );
    return prepared.map((event): ClaimedEvent => {
      const claim = claims.get(event);
      const key = claim === undefined ? undefined : claimed.get(claim);
      if (claim === undefined || key === undefined) {
        return { envelope: event.envelope, idempotencyKey: null, alreadyPublished: false };
      }
      // A first request that died before Kafka acknowledged is published again, with the same id.
      return { envelope: key.envelope, idempotencyKey: claim.key, alreadyPublished: key.published };
    });
  }

  private async publish(envelopes: EventEnvelope[]): Promise<void> {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const envelope of envelopes) {
      const topic = domainTopicOfType(envelope.type);
      const messages = byTopic.get(topic) ?? [];
      messages.push({
        key: domainMessageKey(envelope.organizationId, envelope.subject),
        value: envelope,
        headers: { [KafkaHeaders.eventType]: envelope.type },
      });
      byTopic.set(topic, messages);
    }
    await this.sink.publish([...byTopic].map(([topic, messages]) => ({ topic, messages })));
  }

  private async markPublished(events: ClaimedEvent[]): Promise<void> {
    const byOrganization = new Map<string, string[]>();
    for (const event of events) {
      if (event.idempotencyKey === null || event.alreadyPublished) {
        continue;
      }
      const keys = byOrganization.get(event.envelope.organizationId) ?? [];
      keys.push(event.idempotencyKey);
      byOrganization.set(event.envelope.organizationId, keys);
    }
    await Promise.all(
      [...byOrganization].map(([organizationId, keys]) =>
        this.idempotency.markPublished(organizationId, keys),
      ),
    );
  }
}
