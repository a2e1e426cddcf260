import { ApiProperty } from '@nestjs/swagger';
import { BackfillResponse } from './backfill.response';

/** A webhook's backfills, newest first (the latest 50). */
export class BackfillListResponse {
  @ApiProperty({ type: [BackfillResponse] }) items!: BackfillResponse[];
}
