import { PostalAddress } from './common.dto';
import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import {
  IsFieldNameList,
  IsFlag,
  IsHttpsUrl,
  IsMeasure,
  IsNestedObject,
  IsText,
  IsTimestamp,
  IsUuid,
  Nullable,
} from './field-decorators';

/** Fields of `FloorData` that `floor.updated` can list as changed. */
export const FLOOR_CHANGEABLE_FIELDS = ['name', 'address', 'areaSquareMeters', 'previewUrl'] as const;

/** A floor plan as it is after the change an event reports; the `data` of `floor.created`, `.published`, `.archived` and `.unarchived`. */
export class FloorData {
  /** The floor's id (UUID). */
  @IsUuid()
  id!: string;

  /** The floor's name, e.g. `HQ - Level 3`. */
  @IsText(200)
  name!: string;

  /** The building's address, or null when not set. */
  @Nullable()
  @IsNestedObject(() => PostalAddress)
  address!: PostalAddress | null;

  /** The floor's gross area in square meters, or null until the plan is measured. */
  @Nullable()
  @IsMeasure()
  areaSquareMeters!: number | null;

  /** Whether the floor is published (viewable through its share link and the API). */
  @IsFlag()
  isPublished!: boolean;

  /** Whether the floor is archived (hidden from lists, kept for reference). */
  @IsFlag()
  isArchived!: boolean;

  /** A preview image of the plan, or null while none is rendered. */
  @Nullable()
  @IsHttpsUrl()
  previewUrl!: string | null;

  /** When the floor was created. */
  @IsTimestamp()
  createdAt!: string;

  /** When the floor was last changed. */
  @IsTimestamp()
  updatedAt!: string;
}

/** The `data` of `floor.updated`: the whole floor after the update. */
export class FloorUpdatedData extends FloorData {
  /** The top-level fields whose values changed in this update. */
  @IsFieldNameList(FLOOR_CHANGEABLE_FIELDS)
  changedFields!: string[];
}

/** The `data` of `floor.deleted`. */
export class FloorDeletedData {
  /** The deleted floor's id (UUID). */
  @IsUuid()
  id!: string;

  /** The floor's name when it was deleted. */
  @IsText(200)
  name!: string;
}

const floor: FloorData = {
  id: 'abaaea05-5070-4c77-bd6c-4f26c5b71340',
  name: 'HQ - Level 3',
  address: {
    line1: 'Hardturmstrasse 161',
    line2: null,
    city: 'Zurich',
    region: null,
    postalCode: '8005',
    country: 'CH',
  },
  areaSquareMeters: 1248.5,
  isPublished: false,
  isArchived: false,
  previewUrl: 'https://storage.floorplans.example.com/previews/abaaea05-5070-4c77-bd6c-4f26c5b71340.png',
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
};
const publishedFloor: FloorData = { ...floor, isPublished: true, updatedAt: '2026-11-24T14:30:00.000Z' };

export const FLOOR_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'floor.created',
    resource: 'floor',
    description: 'A floor plan was created.',
    dataClass: FloorData,
    example: { ...floor, areaSquareMeters: null, previewUrl: null },
  }),
  defineEventType({
    type: 'floor.updated',
    resource: 'floor',
    description:
      'A floor plan was updated; the payload holds the whole floor and the names of the fields that changed.',
    dataClass: FloorUpdatedData,
    example: {
      ...floor,
      updatedAt: '2026-11-23T09:12:44.000Z',
      changedFields: ['areaSquareMeters', 'previewUrl'],
    },
  }),
  defineEventType({
    type: 'floor.published',
    resource: 'floor',
    description: 'A floor plan was published.',
    dataClass: FloorData,
    example: publishedFloor,
  }),
  defineEventType({
    type: 'floor.deleted',
    resource: 'floor',
    description: 'A floor plan was deleted.',
    dataClass: FloorDeletedData,
    example: { id: floor.id, name: floor.name },
  }),
  defineEventType({
    type: 'floor.archived',
    resource: 'floor',
    description: 'A floor plan was archived.',
    dataClass: FloorData,
    example: { ...publishedFloor, isArchived: true, updatedAt: '2027-02-01T08:00:00.000Z' },
  }),
  defineEventType({
    type: 'floor.unarchived',
    resource: 'floor',
    description: 'An archived floor plan was restored.',
    dataClass: FloorData,
    example: { ...publishedFloor, isArchived: false, updatedAt: '2027-03-15T11:20:00.000Z' },
  }),
];
