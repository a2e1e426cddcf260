import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@hookline/platform';
import { ApiErrors } from '../common/api-errors.decorator';
import { CreateOrganizationDto } from './dto/create-organization.dto';
import {
  CreatedOrganizationResponse,
  toCreatedOrganizationResponse,
} from './dto/created-organization.response';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('v1/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @ApiErrors({ scoped: false, badRequest: 'name is missing, blank or too long' })
  @AdminOnly()
  @ApiOperation({ summary: 'Create an organization and its first API key (admin)' })
  @ApiCreatedResponse({ type: CreatedOrganizationResponse })
  async create(@Body() body: CreateOrganizationDto): Promise<CreatedOrganizationResponse> {
    return toCreatedOrganizationResponse(await this.organizations.create(body.name));
  }
}
