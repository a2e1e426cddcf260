import { PostalAddress } from './common.dto';
import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import {
  IsEmailAddress,
  IsFieldNameList,
  IsHttpsUrl,
  IsIdentifier,
  IsNestedObject,
  IsText,
  IsTimestamp,
  Nullable,
} from './field-decorators';

/** Fields of `AccountUpdatedData` that can be listed as changed. */
export const ACCOUNT_CHANGEABLE_FIELDS = [
  'companyName',
  'contactEmail',
  'phone',
  'website',
  'address',
] as const;

/** The `data` of `account.updated`: the whole account after the update. */
export class AccountUpdatedData {
  /** The account's id. */
  @IsIdentifier()
  id!: string;

  /** The company name on the account. */
  @IsText(200)
  companyName!: string;

  /** The account's contact email address. */
  @IsEmailAddress()
  contactEmail!: string;

  /** The company's phone number as entered, or null. */
  @Nullable()
  @IsText(40)
  phone!: string | null;

  /** The company's website, or null. */
  @Nullable()
  @IsHttpsUrl()
  website!: string | null;

  /** The company's address, or null when not entered. */
  @Nullable()
  @IsNestedObject(() => PostalAddress)
  address!: PostalAddress | null;

  /** The top-level fields whose values changed in this update. */
  @IsFieldNameList(ACCOUNT_CHANGEABLE_FIELDS)
  changedFields!: string[];

  /** When the account was last changed. */
  @IsTimestamp()
  updatedAt!: string;
}

export const ACCOUNT_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'account.updated',
    resource: 'account',
    description: "The account's company details were updated.",
    dataClass: AccountUpdatedData,
    example: {
      id: 'acct_51c0e',
      companyName: 'Bright Floors LLC',
      contactEmail: 'office@brightfloors.com',
      phone: '+1 615 555 0100',
      website: 'https://www.brightfloors.com',
      address: {
        line1: '1200 Division Street',
        line2: 'Suite 300',
        city: 'Nashville',
        region: 'TN',
        postalCode: '37203',
        country: 'US',
      },
      changedFields: ['phone', 'address'],
      updatedAt: '2026-11-22T10:00:00.000Z',
    },
  }),
];
