import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { Omittable } from '../../common/omittable.decorator';
import { SatisfiesRules } from '../../common/satisfies-rules.decorator';
import { findHeaderNameProblems } from '../validate-custom-headers';
import { DEFAULT_HMAC_SIGNATURE_HEADER } from '../webhook-defaults';
import { WEBHOOK_LIMITS } from '../webhook-limits';
import { VariantTag } from './variant-tag.decorator';

export const SIGNATURE_SCHEME_TYPES = [
  'standard-webhooks',
  'standard-webhooks-ed25519',
  'hmac-sha256-hex',
] as const;

/** Standard Webhooks signatures; also chosen for an unknown type, so the error lists the types. */
export class StandardSignatureSchemeDto {
  @ApiProperty({ enum: ['standard-webhooks'], example: 'standard-webhooks' })
  @IsIn(SIGNATURE_SCHEME_TYPES)
  type!: 'standard-webhooks';
}

/** Standard Webhooks asymmetric signatures (`v1a,`, ed25519): receivers verify with the public key alone. */
export class Ed25519SignatureSchemeDto {
  @VariantTag('standard-webhooks-ed25519') type!: 'standard-webhooks-ed25519';
}

export class HmacSignatureSchemeDto {
  @VariantTag('hmac-sha256-hex') type!: 'hmac-sha256-hex';

  @ApiPropertyOptional({
    example: 'x-archilogic-signature',
    default: DEFAULT_HMAC_SIGNATURE_HEADER,
    maxLength: WEBHOOK_LIMITS.headerNameMaxLength,
    description: 'The header carrying the hex HMAC-SHA256 of the raw body.',
  })
  @Omittable()
  @IsString()
  @SatisfiesRules((value) => findHeaderNameProblems(String(value), 'header'))
  header?: string;
}

export type SignatureSchemeDto =
  StandardSignatureSchemeDto | Ed25519SignatureSchemeDto | HmacSignatureSchemeDto;

export const SIGNATURE_SCHEME_SUBTYPES = [
  { name: 'standard-webhooks', value: StandardSignatureSchemeDto },
  { name: 'standard-webhooks-ed25519', value: Ed25519SignatureSchemeDto },
  { name: 'hmac-sha256-hex', value: HmacSignatureSchemeDto },
];
