import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { RequiredText } from '../../common/satisfies-rules.decorator';
import { WEBHOOK_LIMITS } from '../webhook-limits';
import { VariantTag } from './variant-tag.decorator';

export const AUTH_TYPES = ['none', 'basic', 'bearer', 'oauth2'] as const;

/** Chosen when `type` is none of `AUTH_TYPES`, so the error lists the ones there are. */
export class UnknownAuthDto {
  @ApiProperty({ enum: AUTH_TYPES })
  @IsIn(AUTH_TYPES)
  type!: string;
}

export class NoAuthDto {
  @VariantTag('none') type!: 'none';
}

export class BasicAuthDto {
  @VariantTag('basic') type!: 'basic';

  @ApiProperty({ example: 'hookline', minLength: 1, maxLength: WEBHOOK_LIMITS.usernameMaxLength })
  // RFC 7617: the user-id ends at the first colon.
  @RequiredText({
    requiredWhen: 'with auth type basic',
    maxLength: WEBHOOK_LIMITS.usernameMaxLength,
    allowed: /^[^:\x00-\x1f\x7f]+$/,
    allowedMessage: 'must not contain a colon or control characters',
  })
  username!: string;

  @ApiProperty({
    example: 'correct-horse-battery-staple',
    minLength: 1,
    maxLength: WEBHOOK_LIMITS.credentialMaxLength,
    writeOnly: true,
    description: 'Stored encrypted; never returned.',
  })
  @RequiredText({
    requiredWhen: 'with auth type basic',
    maxLength: WEBHOOK_LIMITS.credentialMaxLength,
    allowed: /^[^\x00-\x1f\x7f]+$/,
    allowedMessage: 'must not contain control characters',
  })
  password!: string;
}

export class BearerAuthDto {
  @VariantTag('bearer') type!: 'bearer';

  @ApiProperty({
    example: 'eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo',
    minLength: 1,
    maxLength: WEBHOOK_LIMITS.credentialMaxLength,
    writeOnly: true,
    description: 'Sent as `Authorization: Bearer <token>`. Stored encrypted; never returned.',
  })
  // It goes into the Authorization header as is: nothing that could end the header line.
  @RequiredText({
    requiredWhen: 'with auth type bearer',
    maxLength: WEBHOOK_LIMITS.credentialMaxLength,
    allowed: /^[\x21-\x7e]+$/,
    allowedMessage: 'must be printable ASCII without spaces',
  })
  token!: string;
}

export class OAuth2AuthDto {
  @VariantTag('oauth2') type!: 'oauth2';

  @ApiProperty({
    example: 'https://auth.example.com/oauth/token',
    maxLength: WEBHOOK_LIMITS.urlMaxLength,
    description:
      'The token endpoint (client credentials grant). The same rules as the webhook url: https only, no private, loopback or metadata addresses.',
  })
  @RequiredText({
    requiredWhen: 'with auth type oauth2',
    maxLength: WEBHOOK_LIMITS.urlMaxLength,
    allowed: /^[^\x00-\x20\x7f]+$/,
    allowedMessage: 'must not contain spaces or control characters',
  })
  tokenUrl!: string;

  @ApiProperty({ example: 'hookline-prod', minLength: 1, maxLength: WEBHOOK_LIMITS.usernameMaxLength })
  // RFC 6749 appendix A.1: VSCHAR.
  @RequiredText({
    requiredWhen: 'with auth type oauth2',
    maxLength: WEBHOOK_LIMITS.usernameMaxLength,
    allowed: /^[\x20-\x7e]+$/,
    allowedMessage: 'must be printable ASCII',
  })
  clientId!: string;

  @ApiProperty({
    example: 'kR2v9yQ4mX7tL1pZ',
    minLength: 1,
    maxLength: WEBHOOK_LIMITS.credentialMaxLength,
    writeOnly: true,
    description: 'Stored encrypted; never returned.',
  })
  @RequiredText({
    requiredWhen: 'with auth type oauth2',
    maxLength: WEBHOOK_LIMITS.credentialMaxLength,
    allowed: /^[\x20-\x7e]+$/,
    allowedMessage: 'must be printable ASCII',
  })
  clientSecret!: string;

  @ApiPropertyOptional({
    example: 'webhooks:receive',
    maxLength: WEBHOOK_LIMITS.oauth2ParameterMaxLength,
    nullable: true,
    description: 'Space-separated scopes sent as `scope`; none when left out.',
  })
  @IsOptional()
  @IsString()
  @Length(1, WEBHOOK_LIMITS.oauth2ParameterMaxLength)
  // RFC 6749 §3.3: scope-tokens separated by single spaces.
  @Matches(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, {
    message: 'scope must be scope tokens separated by single spaces (RFC 6749 §3.3)',
  })
  scope?: string | null;

  @ApiPropertyOptional({
    example: 'https://api.example.com',
    maxLength: WEBHOOK_LIMITS.oauth2ParameterMaxLength,
    nullable: true,
    description: 'Sent as `audience` (Auth0, Okta and others ask for it); none when left out.',
  })
  @IsOptional()
  @IsString()
  @Length(1, WEBHOOK_LIMITS.oauth2ParameterMaxLength)
  @Matches(/^[\x21-\x7e]+$/, { message: 'audience must be printable ASCII without spaces' })
  audience?: string | null;
}

export type EndpointAuthDto = NoAuthDto | BasicAuthDto | BearerAuthDto | OAuth2AuthDto;

export const AUTH_SUBTYPES = [
  { name: 'none', value: NoAuthDto },
  { name: 'basic', value: BasicAuthDto },
  { name: 'bearer', value: BearerAuthDto },
  { name: 'oauth2', value: OAuth2AuthDto },
];
