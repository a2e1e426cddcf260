import { ApiProperty } from '@nestjs/swagger';
import { AttemptDto } from './attempt.dto';
import { DeliverySummaryDto } from './delivery-summary.dto';
import { ApiNullableTimestamp } from '../../common/api-property.decorators';

export class DeliveryDetailDto extends DeliverySummaryDto {
  @ApiProperty({ example: 'wh_01JDZ8K3M4N5P6Q7R8S9T0V1W2' }) webhookId!: string;

  @ApiProperty({ example: 'job_123', description: 'The resource the event is about' }) subject!: string;

  @ApiNullableTimestamp('When the next retry is due') nextAttemptAt!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The JSON body the endpoint received: {id, type, timestamp, data}',
  })
  payload!: Record<string, unknown> | null;

  @ApiProperty({ type: [AttemptDto], description: 'In attempt order' }) attempts!: AttemptDto[];
}
