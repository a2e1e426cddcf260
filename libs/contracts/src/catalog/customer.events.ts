import { PostalAddress } from './common.dto';
import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import {
  IsEmailAddress,
  IsIdentifier,
  IsNestedObject,
  IsText,
  IsTimestamp,
  Nullable,
} from './field-decorators';

/** The `data` of `customer.created`: a customer added to the account. */
export class CustomerCreatedData {
  /** The customer's id. */
  @IsIdentifier()
  id!: string;

  /** The customer's first name. */
  @IsText(100)
  firstName!: string;

  /** The customer's last name. */
  @IsText(100)
  lastName!: string;

  /** The customer's email address, or null. */
  @Nullable()
  @IsEmailAddress()
  email!: string | null;

  /** The customer's phone number as entered, or null. */
  @Nullable()
  @IsText(40)
  phone!: string | null;

  /** The customer's address, or null when not entered. */
  @Nullable()
  @IsNestedObject(() => PostalAddress)
  address!: PostalAddress | null;

  /** When the customer was added. */
  @IsTimestamp()
  createdAt!: string;
}

export const CUSTOMER_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'customer.created',
    resource: 'customer',
    description: 'A customer was added to the account.',
    dataClass: CustomerCreatedData,
    example: {
      id: 'cst_8b21d',
      firstName: 'Olivia',
      lastName: 'Grant',
      email: 'olivia.grant@example.com',
      phone: '+1 615 555 0164',
      address: {
        line1: '418 Maple Avenue',
        line2: 'Unit 2',
        city: 'Nashville',
        region: 'TN',
        postalCode: '37203',
        country: 'US',
      },
      createdAt: '2026-11-22T10:00:00.000Z',
    },
  }),
];
