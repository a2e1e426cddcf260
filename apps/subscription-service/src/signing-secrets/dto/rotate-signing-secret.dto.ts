import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Max, Min } from 'class-validator';
import {
  SIGNING_KEY_PREFIX,
  isValidSigningSecret,
  parseSigningKey,
  parseSigningSecret,
} from '@hookline/security';
import { Omittable } from '../../common/omittable.decorator';
import { SatisfiesRules } from '../../common/satisfies-rules.decorator';
import { WEBHOOK_LIMITS } from '../../webhooks/webhook-limits';

function signingSecretProblems(value: unknown): string[] {
  if (typeof value !== 'string' || isValidSigningSecret(value)) {
    return [];
  }
  try {
    // Which kind the webhook's scheme needs is checked against the webhook; here, the form of either.
    if (value.startsWith(SIGNING_KEY_PREFIX)) {
      parseSigningKey(value);
    } else {
      parseSigningSecret(value);
    }
    return [];
  } catch (error) {
    return [(error instanceof Error ? error.message : String(error)).replace(/^signing (secret|key)/, 'key')];
  }
}

export class RotateSigningSecretDto {
  @ApiPropertyOptional({
    example: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
    description:
      'The new secret, e.g. one carried over from another system: `whsec_` and base64 of 24-64 bytes, or for signatureScheme standard-webhooks-ed25519 a `whsk_` ed25519 secret key (base64 of 64 bytes). A random one when left out.',
  })
  @Omittable()
  @IsString()
  @SatisfiesRules(signingSecretProblems)
  key?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: WEBHOOK_LIMITS.maxSecretGraceSeconds,
    example: 3600,
    description:
      'Seconds the old secret is still signed with (the deployment default, SECRET_ROTATION_GRACE_SECONDS, when left out). 0 retires it at once.',
  })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(WEBHOOK_LIMITS.maxSecretGraceSeconds)
  gracePeriodSeconds?: number;
}
