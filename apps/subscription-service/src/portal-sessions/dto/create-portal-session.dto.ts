import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PORTAL_ACCESS, type PortalAccess } from '../portal-session-access';

export const PORTAL_LOCALES = ['en', 'ko'] as const;
export type PortalLocale = (typeof PORTAL_LOCALES)[number];

export const PORTAL_SESSION_LIMITS = { minTtlSeconds: 60, maxTtlSeconds: 43_200, defaultTtlSeconds: 3_600 };

export class CreatePortalSessionDto {
  @ApiPropertyOptional({
    enum: PORTAL_ACCESS,
    default: 'read-only',
    description:
      'read-only: webhooks and log history; read-write: also create, edit, test, redeliver, see secrets',
  })
  @IsOptional()
  @IsIn(PORTAL_ACCESS, { message: `access must be one of ${PORTAL_ACCESS.join(', ')}` })
  access?: PortalAccess;

  @ApiPropertyOptional({
    minimum: PORTAL_SESSION_LIMITS.minTtlSeconds,
    maximum: PORTAL_SESSION_LIMITS.maxTtlSeconds,
    default: PORTAL_SESSION_LIMITS.defaultTtlSeconds,
  })
  @IsOptional()
  @IsInt({ message: 'ttlSeconds must be a whole number of seconds' })
  @Min(PORTAL_SESSION_LIMITS.minTtlSeconds)
  @Max(PORTAL_SESSION_LIMITS.maxTtlSeconds)
  ttlSeconds?: number;

  @ApiPropertyOptional({
    example: 'Summit CRM',
    description: "The product's name, shown in the portal's header",
  })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  brandName?: string;

  @ApiPropertyOptional({ example: '#0b6bcb', description: "The product's accent colour (#rrggbb)" })
  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'brandColor must be a colour like #0b6bcb' })
  brandColor?: string;

  @ApiPropertyOptional({
    enum: PORTAL_LOCALES,
    description: 'Language of the portal; default: the browser’s',
  })
  @IsOptional()
  @IsIn(PORTAL_LOCALES, { message: `locale must be one of ${PORTAL_LOCALES.join(', ')}` })
  locale?: PortalLocale;
}
