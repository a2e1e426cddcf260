import { ApiProperty } from '@nestjs/swagger';
import { WebhookResponse } from './webhook.response';

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description:
      'Verifies the webhook-signature header (Standard Webhooks). Also available from GET /v1/webhooks/{id}/secret.',
  })
  signingSecret!: string;
}
