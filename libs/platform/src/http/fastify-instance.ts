import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The Fastify instance under Nest's adapter, typed from the Fastify that adapter runs. */
export type FastifyInstance = ReturnType<ReturnType<NestFastifyApplication['getHttpAdapter']>['getInstance']>;
