import { ApiProperty } from '@nestjs/swagger';
import { WebhookResponse } from './webhook.response';

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description:
      'Verifies the webhook-signature header (Standard Webhooks): the `whsec_` secret, or for signatureScheme standard-webhooks-ed25519 the `whpk_` public key. Also available from GET /v1/webhooks/{id}/secret.',
  })
  signingSecret!: string;
}
