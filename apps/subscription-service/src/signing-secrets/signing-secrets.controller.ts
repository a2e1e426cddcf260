import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentOrganization } from '@hookline/platform';
import { ApiRoute, WriteRoute } from '../common/api-route.decorator';
import { RotateSigningSecretDto } from './dto/rotate-signing-secret.dto';
import { SigningSecretResponse } from './dto/signing-secret.response';
import { SigningSecretsService } from './signing-secrets.service';

const NOT_FOUND = 'No such webhook in your organization';

@ApiTags('webhooks')
@Controller('v1/webhooks/:id/secret')
export class SigningSecretsController {
  constructor(private readonly signingSecrets: SigningSecretsService) {}

  @Get()
  @ApiRoute({
    // A signing secret lets its holder forge deliveries: reading one takes a scope of its own.
    scopes: ['webhooks:read', 'secrets:read'],
    summary: "Get the webhook's current signing secret (needs the scope secrets:read)",
    type: SigningSecretResponse,
    notFound: NOT_FOUND,
  })
  async reveal(
    @CurrentOrganization() organizationId: string,
    @Param('id') id: string,
  ): Promise<SigningSecretResponse> {
    return { key: await this.signingSecrets.reveal(organizationId, id) };
  }

  @Post('rotate')
  @WriteRoute({
    summary: 'Rotate the signing secret',
    description:
      'The new secret (yours, or a random one) signs from now on; the old one is also signed with until the grace period ends, so verifiers can switch without missing a request.',
    type: SigningSecretResponse,
    answer: 'The new current secret',
    badRequest: 'key is not a whsec_ secret, or gracePeriodSeconds is out of range',
    notFound: NOT_FOUND,
  })
  async rotate(
    @CurrentOrganization() organizationId: string,
    @Param('id') id: string,
    @Body() body: RotateSigningSecretDto,
  ): Promise<SigningSecretResponse> {
    return { key: await this.signingSecrets.rotate(organizationId, id, body) };
  }
}
