import { Module } from '@nestjs/common';
import { KafkaPublisher } from '@hookline/kafka';
import { AttemptsModule } from '../attempts/attempts.module';
import { DeliveryEnv } from '../config/delivery.env';
import { OutputSink } from '../consumption/output-sink';
import { EndpointHealth } from '../isolation/endpoint-health';
import { WebhookLimiter } from '../isolation/webhook-limiter';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { DeliveryService } from './delivery.service';

@Module({
  imports: [AttemptsModule],
  providers: [
    {
      provide: OutputSink,
      inject: [KafkaPublisher],
      useFactory: (publisher: KafkaPublisher) => new OutputSink(publisher),
    },
    {
      provide: WebhookLimiter,
      inject: [DeliveryEnv],
      useFactory: (config: DeliveryEnv) => new WebhookLimiter(config.DELIVERY_WEBHOOK_MAX_CONCURRENCY),
    },
    {
      provide: EndpointHealth,
      inject: [DeliveryEnv, DeliveryMetrics],
      useFactory: (config: DeliveryEnv, metrics: DeliveryMetrics) => {
        const health = new EndpointHealth({
          failureThreshold: config.DELIVERY_BREAKER_FAILURE_THRESHOLD,
          cooldownMs: config.DELIVERY_BREAKER_COOLDOWN_SECONDS * 1_000,
          maxCooldownMs:
            Math.max(config.DELIVERY_BREAKER_COOLDOWN_SECONDS, config.DELIVERY_BREAKER_MAX_COOLDOWN_SECONDS) *
            1_000,
          autoDisableAfterMs: config.AUTO_DISABLE_AFTER_SECONDS * 1_000,
        });
        metrics.watchOpenBreakers(() => health.openBreakers(Date.now()));
        return health;
      },
    },
    DeliveryService,
  ],
  exports: [DeliveryService, OutputSink],
})
export class DeliveryModule {}
