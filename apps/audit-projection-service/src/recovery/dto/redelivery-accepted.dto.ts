import { ApiProperty } from '@nestjs/swagger';

export class RedeliveryAcceptedDto {
  @ApiProperty({
    example: 'cmd_01JDZ8K3M4N5P6Q7R8S9T0V1W2',
    description: 'Id of the command sent to delivery',
  })
  commandId!: string;
}
