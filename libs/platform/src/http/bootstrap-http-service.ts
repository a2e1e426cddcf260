import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { NextFunction, Request, Response } from 'express';
import { ApiExceptionFilter, type ApiErrorBody } from './api-exception.filter';
import { createValidationPipe } from './validation.pipe';

export interface HttpServiceOptions {
  title: string;
  description: string;
  version?: string;
  /** Body size limit of JSON requests, e.g. `1mb`. */
  bodyLimit?: string;
  /** Keep each request's raw bytes as `request.rawBody` (for routes that pass a body on unchanged). */
  rawBody?: boolean;
}

/** Applies what every Hookline HTTP service shares: errors, validation, OpenAPI, shutdown. */
export function configureHttpApp(app: NestExpressApplication, options: HttpServiceOptions): OpenAPIObject {
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb' });
  app.use(answerBodyParserErrors);
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(createValidationPipe());
  app.disable('x-powered-by');
  app.enableShutdownHooks();
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

export async function bootstrapHttpService(
  module: Type<unknown> | DynamicModule,
  options: HttpServiceOptions & { port: number; host: string },
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    bodyParser: false,
    rawBody: options.rawBody ?? false,
  });
  app.useLogger(app.get(Logger));
  configureHttpApp(app, options);
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
