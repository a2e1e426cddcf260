import { Injectable } from '@nestjs/common';
import { Topics } from '@hookline/contracts';
import type { BatchHandling, IncomingBatch } from '@hookline/kafka';
import { QUIET_TOPIC_MAX_WAIT_MS } from '../consumption/create-delivery-consumer';
import { DeliveryConsumer, DeliveryConsumerDeps } from '../consumption/delivery-consumer';
import { parseDeliveryCommand } from './parse-delivery-command';
import { RedeliveryService } from './redelivery.service';

/** Consumes `hookline.commands.v1` (manual redelivery and recovery, from audit-projection-service). */
@Injectable()
export class DeliveryCommandsConsumer extends DeliveryConsumer {
  constructor(
    deps: DeliveryConsumerDeps,
    private readonly redelivery: RedeliveryService,
  ) {
    super('commands-consumer', deps, {
      groupSuffix: '-commands',
      topics: [Topics.commands],
      messageKind: 'Command',
      maxWaitTimeInMs: QUIET_TOPIC_MAX_WAIT_MS,
    });
  }

  protected handleBatch(batch: IncomingBatch): BatchHandling {
    return this.takeEach(batch, parseDeliveryCommand, (parsed) => this.redelivery.redeliver(parsed.command));
  }
}
