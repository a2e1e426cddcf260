import { UserRef } from './common.dto';
import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import {
  IsHttpsUrl,
  IsNestedObject,
  IsOneOf,
  IsText,
  IsTimestamp,
  IsUuid,
  Nullable,
} from './field-decorators';

export const ORDER_STATUSES = ['submitted', 'in_progress', 'rejected', 'completed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_PRODUCTS = ['floor_plan_2d', 'floor_plan_3d', 'floor_plan_3d_furnished'] as const;
export type OrderProduct = (typeof ORDER_PRODUCTS)[number];

/** An order to digitize a floor plan, as it is after the change an event reports; the `data` of `order.created` and `order.completed`. */
export class OrderData {
  /** The order's id (UUID). */
  @IsUuid()
  id!: string;

  /** The order's status. */
  @IsOneOf(ORDER_STATUSES)
  status!: OrderStatus;

  /** What was ordered. */
  @IsOneOf(ORDER_PRODUCTS)
  product!: OrderProduct;

  /** The customer's own reference for the order, or null. */
  @Nullable()
  @IsText(100)
  reference!: string | null;

  /** The source plan (scan, PDF or CAD file) the order is drawn from. */
  @IsHttpsUrl()
  sourceFileUrl!: string;

  /** The floor created by completing the order (UUID), or null until the order is completed. */
  @Nullable()
  @IsUuid()
  floorId!: string | null;

  /** The user who placed the order. */
  @IsNestedObject(() => UserRef)
  orderedBy!: UserRef;

  /** When the order was placed. */
  @IsTimestamp()
  createdAt!: string;

  /** When the order last changed. */
  @IsTimestamp()
  updatedAt!: string;
}

/** The `data` of `order.rejected`. */
export class OrderRejectedData {
  /** The rejected order; `order.status` is `rejected`. */
  @IsNestedObject(() => OrderData)
  order!: OrderData;

  /** Why the order was rejected, written for the customer. */
  @IsText(1000)
  reason!: string;
}

const order: OrderData = {
  id: 'c5e0f0d2-3b8a-4f61-9a47-71d9e2f4b6a3',
  status: 'submitted',
  product: 'floor_plan_3d',
  reference: 'PO-88213',
  sourceFileUrl: 'https://storage.floorplans.example.com/uploads/c5e0f0d2/level-3-scan.pdf',
  floorId: null,
  orderedBy: { id: 'usr_77b0c', name: 'Lena Huber', email: 'lena.huber@example.ch' },
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
};

export const ORDER_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'order.created',
    resource: 'order',
    description: 'A floor plan digitization order was placed.',
    dataClass: OrderData,
    example: order,
  }),
  defineEventType({
    type: 'order.rejected',
    resource: 'order',
    description: 'A floor plan digitization order was rejected; the payload says why.',
    dataClass: OrderRejectedData,
    example: {
      order: { ...order, status: 'rejected', updatedAt: '2026-11-22T15:45:09.000Z' },
      reason: 'The scan is too blurry to read the room dimensions; please upload a sharper copy.',
    },
  }),
  defineEventType({
    type: 'order.completed',
    resource: 'order',
    description: 'A floor plan digitization order was completed; `floorId` names the new floor.',
    dataClass: OrderData,
    example: {
      ...order,
      status: 'completed',
      floorId: 'abaaea05-5070-4c77-bd6c-4f26c5b71340',
      updatedAt: '2026-11-24T14:30:00.000Z',
    },
  }),
];
