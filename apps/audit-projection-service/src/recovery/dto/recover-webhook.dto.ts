import { ApiProperty } from '@nestjs/swagger';
import { IsQueryTimestamp } from '../../common/is-query-timestamp.decorator';

export class RecoverWebhookDto {
  @ApiProperty({
    format: 'date-time',
    example: '2026-11-22T00:00:00.000Z',
    description:
      'Resend the failed deliveries created at or after this instant; not in the future, not before the payload retention',
  })
  @IsQueryTimestamp()
  since!: string;
}
