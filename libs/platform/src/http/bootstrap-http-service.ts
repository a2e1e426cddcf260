import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { NextFunction, Request, Response } from 'express';
import { ApiExceptionFilter, type ApiErrorBody } from './api-exception.filter';
import { installGracefulShutdown } from './graceful-shutdown';
import { DEFAULT_HTTP_PROTECTION, type HttpProtection } from './http-protection';
import { addRateLimitHooks, rateLimit } from './rate-limit.middleware';
import { addSecurityHeaderHooks, securityHeaders } from './security-headers.middleware';
import { StorableInputPipe } from './storable-input.pipe';
import { createValidationPipe } from './validation.pipe';

export interface HttpServiceOptions {
  title: string;
  description: string;
  version?: string;
  /** Body size limit of JSON requests in bytes (1 MiB unless given). */
  bodyLimitBytes?: number;
  /**
   * The HTTP framework under Nest: Express (the default), or Fastify for a service whose requests are
   * its load (ingest), where Express's per-request work showed in the profile.
   */
  framework?: 'express' | 'fastify';
  /** Origins whose browser pages may call this API (CORS, bearer tokens only, no cookies). */
  corsOrigins?: string[];
  /** Rate limits and security headers; the production defaults when left out. */
  protection?: HttpProtection;
  /** Keep each request's raw bytes as `request.rawBody` (for routes that pass a body on unchanged). */
  rawBody?: boolean;
}

const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Applies what every Hookline HTTP service shares: protection, errors, validation, OpenAPI. An Express
 * app gets its body parser here; a Fastify app was given its body limit and proxy trust when its
 * adapter was made (`fastifyAdapter`).
 */
export function configureHttpApp(
  app: NestExpressApplication | NestFastifyApplication,
  options: HttpServiceOptions,
): OpenAPIObject {
  const protection = options.protection ?? DEFAULT_HTTP_PROTECTION;
  if (app.getHttpAdapter().getType() === 'fastify') {
    const instance = (app as NestFastifyApplication).getHttpAdapter().getInstance();
    addSecurityHeaderHooks(instance, protection.hstsMaxAgeSeconds);
    if (protection.rateLimit.enabled) {
      addRateLimitHooks(instance, protection.rateLimit);
    }
  } else {
    const express = app as NestExpressApplication;
    express.set('trust proxy', protection.trustProxyHops);
    express.use(securityHeaders(protection.hstsMaxAgeSeconds));
    if (protection.rateLimit.enabled) {
      express.use(rateLimit(protection.rateLimit));
    }
    express.useBodyParser('json', { limit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES });
    express.use(answerBodyParserErrors);
    express.disable('x-powered-by');
  }
  app.useGlobalFilters(new ApiExceptionFilter(app.getHttpAdapter()));
  // Unstorable strings and hostile depths are refused before anything recursive looks at the input.
  app.useGlobalPipes(new StorableInputPipe(), createValidationPipe());
  if (options.corsOrigins && options.corsOrigins.length > 0) {
    app.enableCors({
      origin: options.corsOrigins,
      credentials: false,
      allowedHeaders: ['authorization', 'content-type'],
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      maxAge: 600,
    });
  }
  const document = SwaggerModule.createDocument(app, buildOpenApiConfig(options));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}

export function buildOpenApiConfig(options: HttpServiceOptions) {
  return new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version ?? '1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Organization API key or admin token' })
    .build();
}

/**
 * The Fastify adapter with what Express gets in `configureHttpApp`: the body limit and the proxy hops
 * trusted for the client address and protocol. Prototype keys in JSON are left in the body, where the
 * storable-input check refuses them naming the field, as it does on Express.
 */
export function fastifyAdapter(
  options: Pick<HttpServiceOptions, 'bodyLimitBytes' | 'protection'>,
): FastifyAdapter {
  const protection = options.protection ?? DEFAULT_HTTP_PROTECTION;
  return new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    trustProxy: protection.trustProxyHops,
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
  });
}

export async function bootstrapHttpService(
  module: Type<unknown> | DynamicModule,
  options: HttpServiceOptions & { port: number; host: string; shutdownTimeoutMs: number },
): Promise<INestApplication> {
  const app =
    options.framework === 'fastify'
      ? await NestFactory.create<NestFastifyApplication>(module, fastifyAdapter(options), {
          bufferLogs: true,
          rawBody: options.rawBody ?? false,
        })
      : await NestFactory.create<NestExpressApplication>(module, {
          bufferLogs: true,
          bodyParser: false,
          rawBody: options.rawBody ?? false,
        });
  const logger = app.get(Logger);
  app.useLogger(logger);
  configureHttpApp(app, options);
  // Before listening: a SIGTERM that arrives during startup still drains instead of killing.
  installGracefulShutdown(app, {
    timeoutMs: options.shutdownTimeoutMs,
    log: {
      log: (message) => logger.log(message, 'Shutdown'),
      error: (message) => logger.error(message, 'Shutdown'),
    },
  });
  await app.listen(options.port, options.host);
  return app;
}

/** Body-parser errors reach Nest stripped of their kind; answer them here, where it is known. */
function answerBodyParserErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const kind = (error as { type?: string } | null)?.type;
  const message = (error as Error | null)?.message ?? '';
  if (kind === 'entity.parse.failed') {
    res.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: `request body is not valid JSON: ${message}`,
    } satisfies ApiErrorBody);
    return;
  }
  if (kind === 'entity.too.large') {
    res.status(413).json({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'request body is larger than the limit',
    } satisfies ApiErrorBody);
    return;
  }
  next(error);
}
