import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
  type HttpServer,
} from '@nestjs/common';
import type { Response } from 'express';

/** The one error shape of every Hookline API: `{statusCode, error, message}` (+ `details`). */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** Each problem on its own, e.g. one line per invalid field. */
  details?: string[];
}

/** A body-parser (Express) or content-type parser (Fastify) error: the request body was refused. */
interface BodyParserError {
  type?: string;
  status?: number;
  code?: string;
  statusCode?: number;
  message: string;
}

const PARSER_ERROR_KINDS: Record<string, 'invalid-json' | 'too-large' | 'media-type' | undefined> = {
  'entity.parse.failed': 'invalid-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid-json',
  'entity.too.large': 'too-large',
  FST_ERR_CTP_BODY_TOO_LARGE: 'too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'media-type',
};

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  /** `adapter` answers on whichever HTTP framework the service runs; without it, Express's response. */
  constructor(private readonly adapter?: Pick<HttpServer, 'reply'>) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    // A 5xx the code chose (readiness, a dependency down) is a state, not a bug: a line, no stack.
    if (body.statusCode >= 500 && exception instanceof HttpException) {
      this.logger.warn(body.message);
    } else if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    if (this.adapter) {
      this.adapter.reply(response, body, body.statusCode);
    } else {
      response.status(body.statusCode).json(body);
    }
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      return fromHttpException(exception);
    }
    const parserError = exception as BodyParserError;
    // Express's body-parser names the kind in `type`, Fastify's content-type parser in `code`.
    const kind = PARSER_ERROR_KINDS[parserError?.type ?? parserError?.code ?? ''];
    if (kind === 'invalid-json') {
      return badRequest(`request body is not valid JSON: ${parserError.message}`);
    }
    if (kind === 'too-large') {
      return {
        statusCode: HttpStatus.PAYLOAD_TOO_LARGE,
        error: 'Payload Too Large',
        message: 'request body is larger than the limit',
      };
    }
    if (kind === 'media-type') {
      return {
        statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        error: 'Unsupported Media Type',
        message: 'request body must be application/json',
      };
    }
    const status = parserError?.status ?? parserError?.statusCode;
    if (status && status >= 400 && status < 500) {
      return badRequest(parserError.message);
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: 'an unexpected error occurred',
    };
  }
}

function badRequest(message: string): ApiErrorBody {
  return { statusCode: HttpStatus.BAD_REQUEST, error: 'Bad Request', message };
}

interface TerminusFailure {
  status: 'error';
  error: Record<string, { message?: unknown }>;
}

function isTerminusFailure(raw: unknown): raw is TerminusFailure {
  const value = raw as Partial<TerminusFailure> | null;
  return value?.status === 'error' && typeof value.error === 'object' && value.error !== null;
}

function fromHttpException(exception: HttpException): ApiErrorBody {
  const statusCode = exception.getStatus();
  const raw = exception.getResponse();
  if (isTerminusFailure(raw)) {
    const down = Object.entries(raw.error).map(([name, check]) =>
      typeof check.message === 'string' ? `${name} (${check.message})` : name,
    );
    return { statusCode, error: 'Service Unavailable', message: `not ready: ${down.join('; ')}` };
  }
  const fallbackError = HttpStatus[statusCode]?.replace(/_/g, ' ') ?? 'Error';
  if (typeof raw === 'string') {
    return { statusCode, error: titleCase(fallbackError), message: raw };
  }
  const payload = raw as { message?: unknown; error?: unknown; details?: unknown };
  const messages = Array.isArray(payload.message)
    ? payload.message.map(String)
    : [typeof payload.message === 'string' ? payload.message : exception.message];
  const details = Array.isArray(payload.details) ? payload.details.map(String) : messages;
  return {
    statusCode,
    error: typeof payload.error === 'string' ? payload.error : titleCase(fallbackError),
    message: messages.join('; '),
    ...(details.length > 1 || Array.isArray(payload.message) ? { details } : {}),
  };
}

function titleCase(value: string): string {
  return value.toLowerCase().replace(/\b\w/g, (letter) => letter.toUpperCase());
}
