import { ApiProperty } from '@nestjs/swagger';

export class AcceptedEventDto {
  @ApiProperty({ example: 'evt_01JDZ8K3Q4W5E6R7T8Y9U0I1O2' }) id!: string;
}

export class AcceptedBatchDto {
  @ApiProperty({ type: [String], description: 'Event ids, in the order of the request.' }) ids!: string[];
}
