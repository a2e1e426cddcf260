import { ApiPropertyOptional } from '@nestjs/swagger';
import { WebhookResponse } from './webhook.response';

export class UpdatedWebhookResponse extends WebhookResponse {
  @ApiPropertyOptional({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Only when the PATCH set rotateSigningSecret: the new signing secret.',
  })
  signingSecret?: string;
}
