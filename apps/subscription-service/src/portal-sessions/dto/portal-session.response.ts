import { ApiProperty } from '@nestjs/swagger';
import { API_SCOPES, type ApiScope } from '@hookline/contracts';
import { IdProperty } from '../../common/id-property.decorator';
import { PORTAL_ACCESS, type PortalAccess } from '../portal-session-access';

/** A portal session: open `url` (or embed it in an iframe) before `expiresAt`. */
export class PortalSessionResponse {
  @IdProperty('ps') id!: string;

  @IdProperty('org') organizationId!: string;

  @ApiProperty({
    example: 'https://hookline.example.com/portal/#session=hlps_…',
    description: 'The portal with the token in the fragment, which browsers never send to a server',
  })
  url!: string;

  @ApiProperty({ description: 'The bearer token itself, for products that open the portal their own way' })
  token!: string;

  @ApiProperty({ enum: PORTAL_ACCESS }) access!: PortalAccess;

  @ApiProperty({ enum: API_SCOPES, isArray: true }) scopes!: ApiScope[];

  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
