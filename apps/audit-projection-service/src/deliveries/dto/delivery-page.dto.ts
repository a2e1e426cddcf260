import { ApiProperty } from '@nestjs/swagger';
import { DeliverySummaryDto } from './delivery-summary.dto';
import { ApiNullable } from '../../common/api-property.decorators';

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliverySummaryDto], description: 'Newest first' }) items!: DeliverySummaryDto[];

  @ApiNullable(String, 'Pass as `cursor` for the next page; null on the last page')
  nextCursor!: string | null;
}
