import { Injectable, Logger } from '@nestjs/common';
import { ATTEMPT_EVENT_SCHEMA, KafkaHeaders, Topics, type EventEnvelope } from '@hookline/contracts';
import { KafkaPublisher, type OutgoingMessage } from '@hookline/kafka';
import { AttemptDelivery, type AttemptInput } from '../attempts/attempt-delivery';
import { toAttemptEvent } from '../attempts/to-attempt-event';
import { RoutingService } from '../routing/routing.service';
import { decideNextStep } from './decide-next-step';
import { orderingKeyOf, planDeliveries } from './plan-deliveries';
import { runKeyedSequentially } from './run-keyed-sequentially';
import { whileHeartbeating } from './while-heartbeating';

export interface DispatchSummary {
  deliveries: number;
}

/** Fans a batch of domain events out to their webhooks and records every attempt. */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger(DispatchService.name);

  constructor(
    private readonly routing: RoutingService,
    private readonly attempts: AttemptDelivery,
    private readonly publisher: KafkaPublisher,
  ) {}

  /**
   * Resolves only once the attempt events of the whole batch are acknowledged by Kafka, so the
   * caller may commit the batch's offsets; rejects (and the batch is re-read) if they are not.
   */
  async dispatch(events: readonly EventEnvelope[], heartbeat: () => Promise<void>): Promise<DispatchSummary> {
    const deliveries = planDeliveries(events, (event) => this.routing.matchEndpoints(event));
    if (deliveries.length === 0) return { deliveries: 0 };
    const work = runKeyedSequentially(deliveries, orderingKeyOf, (delivery) =>
      this.attemptOnce(delivery),
    ).then((records) => this.publisher.send(Topics.attempts, records));
    await whileHeartbeating(work, heartbeat, (error) =>
      this.logger.warn(
        `Heartbeat failed during a batch of ${deliveries.length} deliveries: ${(error as Error).message}`,
      ),
    );
    return { deliveries: deliveries.length };
  }

  private async attemptOnce(delivery: AttemptInput): Promise<OutgoingMessage> {
    const result = await this.attempts.execute(delivery);
    const attemptEvent = toAttemptEvent(delivery, result, decideNextStep(result.outcome));
    return {
      key: delivery.deliveryId,
      value: attemptEvent,
      headers: { [KafkaHeaders.schema]: ATTEMPT_EVENT_SCHEMA },
    };
  }
}
