import { ApiProperty } from '@nestjs/swagger';
import { ApiNullableTimestamp } from '../../common/api-property.decorators';

export class RecoveryAcceptedDto {
  @ApiProperty({ type: [String], description: 'One redelivery command per failed delivery, oldest first' })
  commandIds!: string[];

  @ApiProperty({ description: 'Commands sent' }) count!: number;

  @ApiProperty({ description: 'Failed deliveries left out because their payload is no longer kept' })
  skipped!: number;

  @ApiProperty({ description: 'More failed deliveries remain than one call sends (1000)' })
  truncated!: boolean;

  @ApiNullableTimestamp('When truncated: call again with this `since` to continue') nextSince!: string | null;
}
