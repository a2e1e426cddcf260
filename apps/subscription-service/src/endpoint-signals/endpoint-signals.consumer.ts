import { Injectable } from '@nestjs/common';
import { Topics, type EndpointSignal } from '@hookline/contracts';
import { ConsumerInfrastructure, ValidatedMessagesConsumer } from '../common/validated-messages.consumer';
import { parseEndpointSignal } from './endpoint-signal.message';
import { EndpointSignalsService } from './endpoint-signals.service';

/**
 * Consumes `hookline.signals.v1`, a signal at a time. It starts after bootstrap without holding it up
 * (the API serves while the consumer joins its group), and a failed start is retried; readiness is red
 * until it started. A new group reads what delivery already said; stale signals are recognised and ignored.
 */
@Injectable()
export class EndpointSignalsConsumer extends ValidatedMessagesConsumer<EndpointSignal> {
  constructor(
    infrastructure: ConsumerInfrastructure,
    private readonly signals: EndpointSignalsService,
  ) {
    super(infrastructure, {
      name: 'signals-consumer',
      consumer: 'subscription-service:signals',
      groupId: infrastructure.env.SIGNALS_CONSUMER_GROUP,
      topic: Topics.signals,
      crashSubject: 'signals',
      parse: parseEndpointSignal,
    });
  }

  protected async apply(signal: EndpointSignal): Promise<void> {
    if ((await this.signals.apply(signal)) === 'disabled') {
      this.logger.warn(`disabled webhook ${signal.webhookId} (${signal.reason}) on delivery's signal`);
    }
  }
}
