import { ContactDetails, PostalAddress, UserRef } from './common.dto';
import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import {
  IsCount,
  IsFieldNameList,
  IsHttpsUrl,
  IsIdentifier,
  IsNestedObject,
  IsOneOf,
  IsText,
  IsTimestamp,
  Nullable,
} from './field-decorators';
import { IsUserRefOrNull } from './is-user-ref-or-null';

export const JOB_STATUSES = [
  'lead',
  'estimating',
  'sold',
  'scheduled',
  'in_progress',
  'completed',
  'invoiced',
  'closed',
  'lost',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_DOCUMENT_CATEGORIES = [
  'contract',
  'estimate',
  'invoice',
  'permit',
  'inspection',
  'warranty',
  'other',
] as const;
export type JobDocumentCategory = (typeof JOB_DOCUMENT_CATEGORIES)[number];

/** Fields of `JobData` that `job.updated` can list as changed. */
export const JOB_CHANGEABLE_FIELDS = ['number', 'name', 'status', 'customer', 'address', 'assignee'] as const;

/** The customer a job is for. */
export class JobCustomer extends ContactDetails {
  /** The customer's id in the CRM. */
  @IsIdentifier()
  id!: string;
}

/** A job as it is after the change an event reports; the `data` of `job.created`. */
export class JobData {
  /** The job's id. */
  @IsIdentifier()
  id!: string;

  /** The job number shown to users, e.g. `J-1042`. */
  @IsText(40)
  number!: string;

  /** The job's name. */
  @IsText(200)
  name!: string;

  /** The job's workflow status. */
  @IsOneOf(JOB_STATUSES)
  status!: JobStatus;

  /** The customer the job is for. */
  @IsNestedObject(() => JobCustomer)
  customer!: JobCustomer;

  /** Where the work takes place, or null when not yet known. */
  @Nullable()
  @IsNestedObject(() => PostalAddress)
  address!: PostalAddress | null;

  /** The user the job is assigned to, or null when unassigned. */
  @IsUserRefOrNull()
  assignee!: UserRef | null;

  /** When the job was created. */
  @IsTimestamp()
  createdAt!: string;

  /** When the job was last changed. */
  @IsTimestamp()
  updatedAt!: string;
}

/** The `data` of `job.updated`: the whole job after the update. */
export class JobUpdatedData extends JobData {
  /** The top-level fields whose values changed in this update. */
  @IsFieldNameList(JOB_CHANGEABLE_FIELDS)
  changedFields!: string[];
}

/** The `data` of `job.assigned`. */
export class JobAssignedData {
  /** The job after the assignment; `job.assignee` is the new assignee. */
  @IsNestedObject(() => JobData)
  job!: JobData;

  /** The user the job was assigned to before, or null when it was unassigned. */
  @IsUserRefOrNull()
  previousAssignee!: UserRef | null;

  /** The user who made the assignment, or null when an automation did. */
  @IsUserRefOrNull()
  assignedBy!: UserRef | null;
}

/** The `data` of `job.status_changed`. */
export class JobStatusChangedData {
  /** The job after the change; `job.status` is the new status. */
  @IsNestedObject(() => JobData)
  job!: JobData;

  /** The status before the change. */
  @IsOneOf(JOB_STATUSES)
  previousStatus!: JobStatus;

  /** The user who changed the status, or null when an automation did. */
  @IsUserRefOrNull()
  changedBy!: UserRef | null;
}

/** An image attached to a job. */
export class JobImage {
  /** The image's id. */
  @IsIdentifier()
  id!: string;

  /** The uploaded file's name. */
  @IsText(255)
  fileName!: string;

  /** The image's media type. */
  @IsOneOf(['image/jpeg', 'image/png', 'image/heic', 'image/webp'])
  contentType!: string;

  /** The file size in bytes. */
  @IsCount(1)
  sizeBytes!: number;

  /** Where to download the full-size image. */
  @IsHttpsUrl()
  url!: string;

  /** A caption entered by the uploader, or null. */
  @Nullable()
  @IsText(500)
  caption!: string | null;

  /** The user who added the image, or null when an integration did. */
  @IsUserRefOrNull()
  createdBy!: UserRef | null;

  /** When the image was added. */
  @IsTimestamp()
  createdAt!: string;
}

/** The `data` of `job.image_created`. */
export class JobImageCreatedData {
  /** The job the image belongs to. */
  @IsIdentifier()
  jobId!: string;

  /** The image that was added. */
  @IsNestedObject(() => JobImage)
  image!: JobImage;
}

/** A document attached to a job. */
export class JobDocument {
  /** The document's id. */
  @IsIdentifier()
  id!: string;

  /** The document's title. */
  @IsText(200)
  name!: string;

  /** What kind of document it is. */
  @IsOneOf(JOB_DOCUMENT_CATEGORIES)
  category!: JobDocumentCategory;

  /** The file's name. */
  @IsText(255)
  fileName!: string;

  /** The file's media type, e.g. `application/pdf`. */
  @IsText(100)
  contentType!: string;

  /** The file size in bytes. */
  @IsCount(1)
  sizeBytes!: number;

  /** Where to download the document. */
  @IsHttpsUrl()
  url!: string;

  /** The user who added the document, or null when an integration did. */
  @IsUserRefOrNull()
  createdBy!: UserRef | null;

  /** When the document was added. */
  @IsTimestamp()
  createdAt!: string;
}

/** The `data` of `job.document_created`. */
export class JobDocumentCreatedData {
  /** The job the document belongs to. */
  @IsIdentifier()
  jobId!: string;

  /** The document that was added. */
  @IsNestedObject(() => JobDocument)
  document!: JobDocument;
}

const salesRep: UserRef = { id: 'usr_41d7e', name: 'Dana Whitfield', email: 'dana@summitroofing.com' };

const job: JobData = {
  id: 'job_8f2c1',
  number: 'J-1042',
  name: 'Roof replacement - 14 Elm Street',
  status: 'sold',
  customer: {
    id: 'cus_5a09b',
    name: 'Maria Alvarez',
    email: 'maria.alvarez@example.com',
    phone: '+1 512 555 0143',
  },
  address: {
    line1: '14 Elm Street',
    line2: null,
    city: 'Austin',
    region: 'TX',
    postalCode: '78701',
    country: 'US',
  },
  assignee: salesRep,
  createdAt: '2026-11-20T15:32:08.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
};

export const JOB_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'job.created',
    resource: 'job',
    description: 'A job was created.',
    dataClass: JobData,
    example: { ...job, status: 'lead', assignee: null, updatedAt: job.createdAt },
  }),
  defineEventType({
    type: 'job.updated',
    resource: 'job',
    description:
      'A job was updated; the payload holds the whole job and the names of the fields that changed.',
    dataClass: JobUpdatedData,
    example: { ...job, changedFields: ['name', 'address'] },
  }),
  defineEventType({
    type: 'job.assigned',
    resource: 'job',
    description: 'A job was assigned or re-assigned to a user.',
    dataClass: JobAssignedData,
    example: {
      job,
      previousAssignee: { id: 'usr_0b3aa', name: 'Kevin Osei', email: 'kevin@summitroofing.com' },
      assignedBy: { id: 'usr_9c2f0', name: 'Priya Raman', email: 'priya@summitroofing.com' },
    },
  }),
  defineEventType({
    type: 'job.image_created',
    resource: 'job',
    description: 'An image was added to a job.',
    dataClass: JobImageCreatedData,
    example: {
      jobId: job.id,
      image: {
        id: 'img_72c4e',
        fileName: 'north-slope.jpg',
        contentType: 'image/jpeg',
        sizeBytes: 2481733,
        url: 'https://files.summitroofing.com/jobs/job_8f2c1/images/img_72c4e.jpg',
        caption: 'North slope, hail damage',
        createdBy: salesRep,
        createdAt: '2026-11-22T09:58:41.000Z',
      },
    },
  }),
  defineEventType({
    type: 'job.document_created',
    resource: 'job',
    description: 'A document was added to a job.',
    dataClass: JobDocumentCreatedData,
    example: {
      jobId: job.id,
      document: {
        id: 'doc_1e8b3',
        name: 'Roofing contract',
        category: 'contract',
        fileName: 'roofing-contract-J-1042.pdf',
        contentType: 'application/pdf',
        sizeBytes: 184220,
        url: 'https://files.summitroofing.com/jobs/job_8f2c1/documents/doc_1e8b3.pdf',
        createdBy: salesRep,
        createdAt: '2026-11-22T10:00:00.000Z',
      },
    },
  }),
  defineEventType({
    type: 'job.status_changed',
    resource: 'job',
    description: "A job's status changed.",
    dataClass: JobStatusChangedData,
    example: { job, previousStatus: 'estimating', changedBy: salesRep },
  }),
];
