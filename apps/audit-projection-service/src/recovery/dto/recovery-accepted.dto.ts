import { ApiProperty } from '@nestjs/swagger';

export class RecoveryAcceptedDto {
  @ApiProperty({ type: [String], description: 'One redelivery command per failed delivery, oldest first' })
  commandIds!: string[];

  @ApiProperty({ description: 'Commands sent' })
  count!: number;

  @ApiProperty({ description: 'Failed deliveries left out because their payload is no longer kept' })
  skipped!: number;

  @ApiProperty({ description: 'More failed deliveries remain than one call sends (1000)' })
  truncated!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When truncated: call again with this `since` to continue',
  })
  nextSince!: string | null;
}
