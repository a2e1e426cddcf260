import { ContactDetails } from './common.dto';
import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import {
  IsCountryCode,
  IsEmailAddress,
  IsFieldNameList,
  IsIdentifier,
  IsNestedObject,
  IsText,
  IsTimestamp,
  Nullable,
} from './field-decorators';

/*
 * Field names are snake_case, as in the field-drawing product's payloads this resource comes from.
 */

/** Fields of `ProjectData` that `project.updated` can list as changed. */
export const PROJECT_CHANGEABLE_FIELDS = [
  'name',
  'job_number',
  'customer',
  'work_site_address',
  'sales_rep',
] as const;

/** The customer a project is for. */
export class ProjectCustomer {
  /** The customer's full name or company name. */
  @IsText(200)
  name!: string;

  /** The customer's main phone number as entered, or null. */
  @Nullable()
  @IsText(40)
  phone!: string | null;

  /** The customer's second phone number as entered, or null. */
  @Nullable()
  @IsText(40)
  second_phone!: string | null;

  /** The customer's email address, or null. */
  @Nullable()
  @IsEmailAddress()
  email!: string | null;
}

/** The address of the work site. */
export class ProjectAddress {
  /** Street and number. */
  @IsText(200)
  line1!: string;

  /** Apartment, suite or unit, or null. */
  @Nullable()
  @IsText(200)
  line2!: string | null;

  /** City or locality. */
  @IsText(100)
  city!: string;

  /** State, province or region, or null where the country has none. */
  @Nullable()
  @IsText(100)
  state!: string | null;

  /** Postal or ZIP code, or null where the country has none. */
  @Nullable()
  @IsText(20)
  postal_code!: string | null;

  /** ISO 3166-1 alpha-2 country code, e.g. `US`. */
  @IsCountryCode()
  country!: string;
}

/** The sales representative in charge of a project. */
export class ProjectSalesRep extends ContactDetails {
  /** The sales rep's user id. */
  @IsIdentifier()
  id!: string;
}

/** A project as it is after the change an event reports; the `data` of `project.created`. */
export class ProjectData {
  /** The project's id. */
  @IsIdentifier()
  id!: string;

  /** The project's name. */
  @IsText(200)
  name!: string;

  /** The job number the project is filed under, or null. */
  @Nullable()
  @IsText(40)
  job_number!: string | null;

  /** The customer the project is for, or null while not yet entered. */
  @Nullable()
  @IsNestedObject(() => ProjectCustomer)
  customer!: ProjectCustomer | null;

  /** Where the work takes place, or null while not yet entered. */
  @Nullable()
  @IsNestedObject(() => ProjectAddress)
  work_site_address!: ProjectAddress | null;

  /** The sales representative in charge, or null. */
  @Nullable()
  @IsNestedObject(() => ProjectSalesRep)
  sales_rep!: ProjectSalesRep | null;

  /** When the project was created. */
  @IsTimestamp()
  created_at!: string;

  /** When the project was last changed. */
  @IsTimestamp()
  updated_at!: string;
}

/** The `data` of `project.updated`: the whole project after the update. */
export class ProjectUpdatedData extends ProjectData {
  /** The top-level fields whose values changed in this update. */
  @IsFieldNameList(PROJECT_CHANGEABLE_FIELDS)
  changed_fields!: string[];
}

/** The `data` of `project.deleted`. */
export class ProjectDeletedData {
  /** The deleted project's id. */
  @IsIdentifier()
  id!: string;

  /** The project's name when it was deleted. */
  @IsText(200)
  name!: string;
}

const project: ProjectData = {
  id: 'prj_7d41a',
  name: 'Miller backyard deck',
  job_number: '144111',
  customer: { name: 'Jack Miller', phone: '+1 303 555 0188', second_phone: '+1 303 555 0122', email: null },
  work_site_address: {
    line1: '2250 Larimer Street',
    line2: null,
    city: 'Denver',
    state: 'CO',
    postal_code: '80205',
    country: 'US',
  },
  sales_rep: { id: 'usr_2c8e1', name: 'Tom Becker', email: 'tom.becker@frontrangedecks.com', phone: null },
  created_at: '2026-11-22T10:00:00.000Z',
  updated_at: '2026-11-22T10:00:00.000Z',
};

export const PROJECT_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'project.created',
    resource: 'project',
    description: 'A project was created.',
    dataClass: ProjectData,
    example: project,
  }),
  defineEventType({
    type: 'project.updated',
    resource: 'project',
    description:
      'A project was updated; the payload holds the whole project and the names of the fields that changed.',
    dataClass: ProjectUpdatedData,
    example: {
      ...project,
      job_number: '144112',
      updated_at: '2026-11-23T08:15:30.000Z',
      changed_fields: ['job_number'],
    },
  }),
  defineEventType({
    type: 'project.deleted',
    resource: 'project',
    description: 'A project was deleted.',
    dataClass: ProjectDeletedData,
    example: { id: project.id, name: project.name },
  }),
];
