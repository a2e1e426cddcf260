import type { IncomingHttpHeaders } from 'node:http';
import {
  Controller,
  InternalServerErrorException,
  Param,
  Post,
  Req,
  Res,
  type RawBodyRequest,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@hookline/platform';
import { RELAY_HOP_HEADERS, RELAY_PATH } from '@hookline/contracts';
import { RelaySessionsService } from './relay-sessions.service';

/**
 * Where temporary webhooks point: delivery-service POSTs here as to any endpoint, and the answer is the
 * developer's local endpoint's. The unguessable token in the path is the only key; the payload stays signed
 * end to end, so the local endpoint verifies it as it would a direct delivery.
 */
@ApiExcludeController()
@Controller(RELAY_PATH.slice(1))
export class RelayController {
  constructor(private readonly sessions: RelaySessionsService) {}

  @Public()
  @Post(':token')
  async relay(
    @Param('token') token: string,
    @Req() request: RawBodyRequest<Request>,
    @Res() response: Response,
  ): Promise<void> {
    if (request.rawBody === undefined) {
      throw new InternalServerErrorException(
        'the relay needs the raw request body (rawBody: true at bootstrap)',
      );
    }
    const answer = await this.sessions.forward(token, deliveryHeaders(request.headers), request.rawBody);
    response.status(answer.status).set(answer.headers).send(answer.body);
  }
}

function deliveryHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || RELAY_HOP_HEADERS.has(name)) {
      continue;
    }
    result[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}
