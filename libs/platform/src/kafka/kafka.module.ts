import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { KafkaPublisher, createKafka, parseBrokerList } from '@hookline/kafka';
import { withTimeout, type ReadinessCheck } from '../health/readiness-check';

export const KAFKA = Symbol('KAFKA');

export interface KafkaModuleOptions {
  clientId: string;
  brokers: string;
}

/** Connects the shared publisher at start and disconnects it at shutdown. */
@Injectable()
export class KafkaLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(private readonly publisher: KafkaPublisher) {}

  async onModuleInit(): Promise<void> {
    await this.publisher.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
  }
}

/** `/health/ready`: the cluster answers a metadata request. */
@Injectable()
export class KafkaReadiness implements ReadinessCheck, OnApplicationShutdown {
  readonly name = 'kafka';
  private admin: Admin | null = null;

  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  async check(): Promise<void> {
    this.admin ??= this.kafka.admin();
    await withTimeout(
      this.admin.connect().then(() => this.admin?.describeCluster()),
      3_000,
      'Kafka',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }
}

@Global()
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      providers: [
        {
          provide: KAFKA,
          useFactory: () =>
            createKafka({ clientId: options.clientId, brokers: parseBrokerList(options.brokers) }),
        },
        { provide: KafkaPublisher, inject: [KAFKA], useFactory: (kafka: Kafka) => new KafkaPublisher(kafka) },
        KafkaLifecycle,
        KafkaReadiness,
      ],
      exports: [KAFKA, KafkaPublisher, KafkaReadiness],
    };
  }
}
