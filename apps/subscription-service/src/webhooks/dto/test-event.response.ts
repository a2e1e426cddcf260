import { ApiProperty } from '@nestjs/swagger';

export class TestEventResponse {
  @ApiProperty({
    example: 'evt_01JDZ8K3Q4W5E6R7T8Y9U0I1O2',
    description: 'The id of the webhook.test event; the endpoint receives it as webhook-id.',
  })
  eventId!: string;
}
