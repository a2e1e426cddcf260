import { ApiProperty } from '@nestjs/swagger';

export class SigningSecretResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description:
      'The current signing secret; for signatureScheme standard-webhooks-ed25519, the `whpk_` public key that verifies its signatures (the secret key never leaves Hookline).',
  })
  key!: string;
}
