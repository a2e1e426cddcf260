import { ContactDetails, UserRef } from './common.dto';
import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import {
  IsCalendarDate,
  IsCurrencyCode,
  IsEmailAddress,
  IsFieldNameList,
  IsHttpsUrl,
  IsIdentifier,
  IsMeasure,
  IsMinorAmount,
  IsNestedList,
  IsNestedObject,
  IsOneOf,
  IsText,
  IsTimestamp,
  Nullable,
} from './field-decorators';
import { IsUserRefOrNull } from './is-user-ref-or-null';

export const ESTIMATE_STATUSES = ['draft', 'sent', 'viewed', 'approved', 'declined', 'expired'] as const;
export type EstimateStatus = (typeof ESTIMATE_STATUSES)[number];

/** Fields of `EstimateData` that `estimate.updated` can list as changed. */
export const ESTIMATE_CHANGEABLE_FIELDS = [
  'number',
  'status',
  'title',
  'jobId',
  'projectId',
  'customer',
  'currency',
  'lineItems',
  'subtotal',
  'tax',
  'total',
  'validUntil',
  'documentUrl',
] as const;

/** One priced line of an estimate. */
export class EstimateLineItem {
  /** The line's id within the estimate. */
  @IsIdentifier()
  id!: string;

  /** The product's SKU or catalog code, or null for custom lines. */
  @Nullable()
  @IsText(100)
  sku!: string | null;

  /** What is sold or done. */
  @IsText(300)
  name!: string;

  /** The quantity, in `unit`. */
  @IsMeasure()
  quantity!: number;

  /** The unit of `quantity` (e.g. `ea`, `sq ft`, `hr`), or null for plain counts. */
  @Nullable()
  @IsText(20)
  unit!: string | null;

  /** The price of one unit, in the currency's minor unit. */
  @IsMinorAmount()
  unitPrice!: number;

  /** `quantity × unitPrice`, rounded, in the currency's minor unit. */
  @IsMinorAmount()
  total!: number;
}

/** An estimate as it is after the change an event reports; the `data` of `estimate.created`. */
export class EstimateData {
  /** The estimate's id. */
  @IsIdentifier()
  id!: string;

  /** The estimate number shown to the customer, e.g. `E-2031`. */
  @IsText(40)
  number!: string;

  /** The estimate's status. */
  @IsOneOf(ESTIMATE_STATUSES)
  status!: EstimateStatus;

  /** The estimate's title. */
  @IsText(200)
  title!: string;

  /** The CRM job the estimate belongs to, or null. */
  @Nullable()
  @IsIdentifier()
  jobId!: string | null;

  /** The 3D planner project the estimate was built from, or null. */
  @Nullable()
  @IsIdentifier()
  projectId!: string | null;

  /** Who the estimate is addressed to, or null while not yet chosen. */
  @Nullable()
  @IsNestedObject(() => ContactDetails)
  customer!: ContactDetails | null;

  /** ISO 4217 code of every amount in the estimate, e.g. `USD`. */
  @IsCurrencyCode()
  currency!: string;

  /** The priced lines, in display order. */
  @IsNestedList(() => EstimateLineItem)
  lineItems!: EstimateLineItem[];

  /** Sum of the line totals, in the currency's minor unit. */
  @IsMinorAmount()
  subtotal!: number;

  /** Tax on the subtotal, in the currency's minor unit. */
  @IsMinorAmount()
  tax!: number;

  /** `subtotal + tax`, in the currency's minor unit. */
  @IsMinorAmount()
  total!: number;

  /** The last day the offer holds (`YYYY-MM-DD`), or null when open-ended. */
  @Nullable()
  @IsCalendarDate()
  validUntil!: string | null;

  /** Where to download the estimate as PDF, or null when none was rendered. */
  @Nullable()
  @IsHttpsUrl()
  documentUrl!: string | null;

  /** When the estimate was created. */
  @IsTimestamp()
  createdAt!: string;

  /** When the estimate was last changed. */
  @IsTimestamp()
  updatedAt!: string;
}

/** The `data` of `estimate.updated`: the whole estimate after the update. */
export class EstimateUpdatedData extends EstimateData {
  /** The top-level fields whose values changed in this update. */
  @IsFieldNameList(ESTIMATE_CHANGEABLE_FIELDS)
  changedFields!: string[];
}

/** Someone an estimate is sent to. */
export class EstimateRecipient {
  /** The recipient's name. */
  @IsText(200)
  name!: string;

  /** The address the estimate is sent to. */
  @IsEmailAddress()
  email!: string;
}

/** The `data` of `estimate.sent`. */
export class EstimateSentData {
  /** The estimate that is sent. */
  @IsNestedObject(() => EstimateData)
  estimate!: EstimateData;

  /** Who the estimate is sent to; at least one. */
  @IsNestedList(() => EstimateRecipient, 1, 20)
  recipients!: EstimateRecipient[];

  /** The cover message written by the sender, or null. */
  @Nullable()
  @IsText(5000)
  message!: string | null;

  /** The user who sent the estimate, or null when an automation did. */
  @IsUserRefOrNull()
  sentBy!: UserRef | null;
}

const crmEstimate: EstimateData = {
  id: 'est_3b91d',
  number: 'E-2031',
  status: 'draft',
  title: 'Roof replacement - architectural shingles',
  jobId: 'job_8f2c1',
  projectId: null,
  customer: { name: 'Maria Alvarez', email: 'maria.alvarez@example.com', phone: '+1 512 555 0143' },
  currency: 'USD',
  lineItems: [
    {
      id: 'li_1',
      sku: 'GAF-TIM-HDZ',
      name: 'Architectural shingles, installed',
      quantity: 28.5,
      unit: 'sq',
      unitPrice: 42500,
      total: 1211250,
    },
    {
      id: 'li_2',
      sku: null,
      name: 'Tear-off and disposal',
      quantity: 1,
      unit: null,
      unitPrice: 185000,
      total: 185000,
    },
  ],
  subtotal: 1396250,
  tax: 115191,
  total: 1511441,
  validUntil: '2026-12-22',
  documentUrl: null,
  createdAt: '2026-11-21T16:05:12.000Z',
  updatedAt: '2026-11-21T16:05:12.000Z',
};

const plannerEstimate: EstimateData = {
  id: 'est_c7a02',
  number: 'Q-2026-0871',
  status: 'sent',
  title: 'Kitchen remodel - 3D plan v3',
  jobId: null,
  projectId: 'prj_kt55e',
  customer: { name: 'Ji-woo Park', email: 'jiwoo.park@example.kr', phone: '+82 10 5550 1234' },
  currency: 'KRW',
  lineItems: [
    {
      id: 'li_1',
      sku: 'CAB-BASE-600',
      name: 'Base cabinet 600 mm, matte white',
      quantity: 6,
      unit: 'ea',
      unitPrice: 320000,
      total: 1920000,
    },
    {
      id: 'li_2',
      sku: 'CTR-QTZ-30',
      name: 'Quartz countertop 30 mm',
      quantity: 4.2,
      unit: 'm',
      unitPrice: 450000,
      total: 1890000,
    },
    {
      id: 'li_3',
      sku: null,
      name: 'Installation',
      quantity: 1,
      unit: null,
      unitPrice: 800000,
      total: 800000,
    },
  ],
  subtotal: 4610000,
  tax: 461000,
  total: 5071000,
  validUntil: '2026-12-31',
  documentUrl: 'https://files.planner.example.com/estimates/est_c7a02.pdf',
  createdAt: '2026-11-18T02:11:40.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
};

export const ESTIMATE_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'estimate.created',
    resource: 'estimate',
    description: 'An estimate was created.',
    dataClass: EstimateData,
    example: crmEstimate,
  }),
  defineEventType({
    type: 'estimate.updated',
    resource: 'estimate',
    description:
      'An estimate was updated; the payload holds the whole estimate and the names of the fields that changed.',
    dataClass: EstimateUpdatedData,
    example: {
      ...crmEstimate,
      documentUrl: 'https://files.summitroofing.com/estimates/est_3b91d.pdf',
      updatedAt: '2026-11-22T10:00:00.000Z',
      changedFields: ['documentUrl'],
    },
  }),
  defineEventType({
    type: 'estimate.sent',
    resource: 'estimate',
    description:
      'A user chose to send an estimate to its customer; receivers typically email or file the estimate document.',
    dataClass: EstimateSentData,
    example: {
      estimate: plannerEstimate,
      recipients: [{ name: 'Ji-woo Park', email: 'jiwoo.park@example.kr' }],
      message: 'Here is the estimate for your kitchen, based on the plan we drew together.',
      sentBy: { id: 'usr_d81f3', name: 'Min-seo Kim', email: 'minseo@hanbit-interiors.example.kr' },
    },
  }),
];
