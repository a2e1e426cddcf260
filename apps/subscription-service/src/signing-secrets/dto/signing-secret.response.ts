import { ApiProperty } from '@nestjs/swagger';

export class SigningSecretResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The current signing secret.',
  })
  key!: string;
}
