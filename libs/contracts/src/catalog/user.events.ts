import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import { IsEmailAddress, IsIdentifier, IsOneOf, IsText, IsTimestamp, Nullable } from './field-decorators';

export const USER_ROLES = ['owner', 'admin', 'manager', 'estimator', 'technician'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The `data` of `user.created`: a user added to the account. */
export class UserCreatedData {
  /** The user's id. */
  @IsIdentifier()
  id!: string;

  /** The user's sign-in email address. */
  @IsEmailAddress()
  email!: string;

  /** The user's first name. */
  @IsText(100)
  firstName!: string;

  /** The user's last name. */
  @IsText(100)
  lastName!: string;

  /** The user's role in the account. */
  @IsOneOf(USER_ROLES)
  role!: UserRole;

  /** The user's phone number as entered, or null. */
  @Nullable()
  @IsText(40)
  phone!: string | null;

  /** When the user was added. */
  @IsTimestamp()
  createdAt!: string;
}

export const USER_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'user.created',
    resource: 'user',
    description: 'A user was added to the account.',
    dataClass: UserCreatedData,
    example: {
      id: 'usr_3f9a2',
      email: 'sam.ortiz@brightfloors.com',
      firstName: 'Sam',
      lastName: 'Ortiz',
      role: 'estimator',
      phone: '+1 615 555 0107',
      createdAt: '2026-11-22T10:00:00.000Z',
    },
  }),
];
