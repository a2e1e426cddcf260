import { ApiProperty } from '@nestjs/swagger';
import { DeliverySummaryDto } from './delivery-summary.dto';

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliverySummaryDto], description: 'Newest first' })
  items!: DeliverySummaryDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
