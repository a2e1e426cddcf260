import { Body, Controller, HttpStatus, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminRoute } from '../common/api-route.decorator';
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
  @AdminRoute({
    summary: 'Create an organization and its first API key (admin)',
    status: HttpStatus.CREATED,
    type: CreatedOrganizationResponse,
    badRequest: 'name is missing, blank or too long',
  })
  async create(@Body() body: CreateOrganizationDto): Promise<CreatedOrganizationResponse> {
    return toCreatedOrganizationResponse(await this.organizations.create(body.name));
  }
}
