import { Module } from '@nestjs/common';
import { OrganizationDefaults } from './organization-defaults.service';

@Module({ providers: [OrganizationDefaults], exports: [OrganizationDefaults] })
export class DeliveryDefaultsModule {}
