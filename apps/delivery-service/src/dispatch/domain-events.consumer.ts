import { Injectable } from '@nestjs/common';
import { DOMAIN_TOPIC_PATTERN } from '@hookline/contracts';
import type { BatchHandling, IncomingBatch } from '@hookline/kafka';
import { DeadLetterCollector } from '../consumption/dead-letters';
import { DeliveryConsumer, DeliveryConsumerDeps } from '../consumption/delivery-consumer';
import { DispatchService } from './dispatch.service';
import { checkEventData, parseDomainMessage } from './parse-domain-message';

/**
 * Consumes every `domain.<resource>.v1` topic once the routing table has caught up. Refused messages
 * (too large, not JSON, invalid envelope; invalid `data` of an event some webhook would receive) go to
 * the DLQ; the rest are dispatched. A batch never waits for its
 * deliveries: offsets are committed as they finish (see TrackedConsumer).
 */
@Injectable()
export class DomainEventsConsumer extends DeliveryConsumer {
  constructor(
    deps: DeliveryConsumerDeps,
    private readonly dispatcher: DispatchService,
  ) {
    super('domain-consumer', deps, {
      groupSuffix: '',
      topics: [DOMAIN_TOPIC_PATTERN],
      messageKind: 'Delivering',
    });
  }

  protected handleBatch(batch: IncomingBatch): BatchHandling {
    const taken: Array<Promise<unknown>> = [];
    const refused = new DeadLetterCollector(batch);
    // The same event twice in one batch (a producer retry) is one delivery.
    const byEventId = new Map<string, Promise<void>>();
    batch.messages.forEach((message, index) => {
      const parsed = parseDomainMessage(message, this.deps.config.DELIVERY_MAX_EVENT_BYTES, batch.topic);
      if (!parsed.ok) {
        refused.refuse(index, message, parsed.reason);
        taken.push(Promise.resolve());
        return;
      }
      const recipients = this.dispatcher.recipientsOf(parsed.event);
      if (recipients?.length === 0) {
        taken.push(Promise.resolve());
        return;
      }
      const invalidData = byEventId.has(parsed.event.id) ? null : checkEventData(parsed.event);
      if (invalidData !== null) {
        refused.refuse(index, message, invalidData);
        taken.push(Promise.resolve());
        return;
      }
      const work = byEventId.get(parsed.event.id) ?? this.dispatcher.dispatch(parsed.event, recipients);
      byEventId.set(parsed.event.id, work);
      taken.push(work);
    });
    this.parkRefused(refused, taken);
    return { taken };
  }
}
