import type { WebhookState } from '@hookline/contracts';
import { IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import { IsTimestamp } from '../../common/is-timestamp.decorator';

/** The part of `WebhookState` this service keeps: who owns the webhook and where it points. */
export class WebhookStateDto implements Pick<
  WebhookState,
  'id' | 'organizationId' | 'url' | 'version' | 'updatedAt'
> {
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  id!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  organizationId!: string;

  @IsString()
  @IsNotEmpty()
  url!: string;

  @IsInt()
  @Min(0)
  version!: number;

  @IsTimestamp()
  updatedAt!: string;
}
