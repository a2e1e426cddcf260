import { ApiProperty } from '@nestjs/swagger';
import { WebhookResponse } from './webhook.response';

export class WebhookPageResponse {
  @ApiProperty({ type: [WebhookResponse], description: 'Newest first.' }) items!: WebhookResponse[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as ?cursor= for the next page; null on the last page.',
  })
  nextCursor!: string | null;
}
