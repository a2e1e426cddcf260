import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsString, Length } from 'class-validator';
import { API_SCOPES, type ApiScope } from '@hookline/contracts';
import { Omittable } from '../../common/omittable.decorator';

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'ci-deploy', minLength: 1, maxLength: 100, default: 'default' })
  @Omittable()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({
    enum: API_SCOPES,
    isArray: true,
    example: ['webhooks:read'],
    description: 'What the key may do; every scope when left out.',
  })
  @Omittable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(API_SCOPES, { each: true })
  scopes?: ApiScope[];
}
