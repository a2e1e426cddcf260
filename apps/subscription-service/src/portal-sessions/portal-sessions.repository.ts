import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

@Injectable()
export class PortalSessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async organizationExists(organizationId: string): Promise<boolean> {
    return this.dataSource.getRepository(Organization).existsBy({ id: organizationId });
  }
}
