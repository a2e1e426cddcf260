import { ArgumentsHost, BadRequestException, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiExceptionFilter, type ApiErrorBody } from './api-exception.filter';
import { CodedHttpException } from './coded-http.exception';

function answer(exception: unknown): { status: number; body: ApiErrorBody } {
  const sent = { status: 0, body: {} as ApiErrorBody };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: ApiErrorBody) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return sent;
}

describe(ApiExceptionFilter.name, () => {
  let errors: jest.SpyInstance;
  let warnings: jest.SpyInstance;

  beforeEach(() => {
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('answers body refusals of either framework alike: invalid JSON 400, too large 413, not JSON 415', () => {
    const statuses = (kinds: Array<Record<string, string>>) =>
      kinds.map((kind) => answer(Object.assign(new Error('bad'), kind)).status);
    expect(statuses([{ type: 'entity.parse.failed' }, { code: 'FST_ERR_CTP_INVALID_JSON_BODY' }])).toEqual([
      400, 400,
    ]);
    expect(answer(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_EMPTY_JSON_BODY' })).body.message).toBe(
      'request body is not valid JSON: x',
    );
    expect(statuses([{ type: 'entity.too.large' }, { code: 'FST_ERR_CTP_BODY_TOO_LARGE' }])).toEqual([
      413, 413,
    ]);
    expect(statuses([{ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }])).toEqual([415]);
    expect(errors).not.toHaveBeenCalled();
  });

  it('logs an unexpected error with its stack and answers a bare 500', () => {
    expect(answer(new Error('boom'))).toEqual({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'an unexpected error occurred' },
    });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('Error: boom\n    at '));
  });

  it('answers a readiness 503 naming the checks that are down, logged as a warning without a stack', () => {
    // The shape @nestjs/terminus throws when a check is down.
    const notReady = new ServiceUnavailableException({
      status: 'error',
      info: { postgres: { status: 'up' } },
      error: { kafka: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:9092' } },
      details: {},
    });

    expect(answer(notReady)).toEqual({
      status: 503,
      body: {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'not ready: kafka (connect ECONNREFUSED 127.0.0.1:9092)',
      },
    });
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).toHaveBeenCalledWith('not ready: kafka (connect ECONNREFUSED 127.0.0.1:9092)');
  });

  it.each([
    [404, 'Not Found'],
    [409, 'Conflict'],
    [410, 'Gone'],
  ])('renders a coded %i with the status name as error and keeps the code off the wire', (status, error) => {
    expect(answer(new CodedHttpException('SOMETHING_WRONG', status, 'what was wrong'))).toEqual({
      status,
      body: { statusCode: status, error, message: 'what was wrong' },
    });
  });

  it('does not log a 4xx at all', () => {
    expect(answer(new BadRequestException('name must be a string')).status).toBe(400);
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).not.toHaveBeenCalled();
  });
});
