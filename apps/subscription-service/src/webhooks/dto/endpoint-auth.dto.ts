import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RequiredText } from '../../common/satisfies-rules.decorator';
import { WEBHOOK_LIMITS } from '../webhook-limits';

export const AUTH_TYPES = ['none', 'basic', 'bearer'] as const;

/** Chosen when `type` is none of `AUTH_TYPES`, so the error lists the ones there are. */
export class UnknownAuthDto {
  @ApiProperty({ enum: AUTH_TYPES })
  @IsIn(AUTH_TYPES)
  type!: string;
}

export class NoAuthDto {
  @ApiProperty({ enum: ['none'], example: 'none' })
  @IsIn(['none'])
  type!: 'none';
}

export class BasicAuthDto {
  @ApiProperty({ enum: ['basic'], example: 'basic' })
  @IsIn(['basic'])
  type!: 'basic';

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
  @ApiProperty({ enum: ['bearer'], example: 'bearer' })
  @IsIn(['bearer'])
  type!: 'bearer';

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

export type EndpointAuthDto = NoAuthDto | BasicAuthDto | BearerAuthDto;

export const AUTH_SUBTYPES = [
  { name: 'none', value: NoAuthDto },
  { name: 'basic', value: BasicAuthDto },
  { name: 'bearer', value: BearerAuthDto },
];
