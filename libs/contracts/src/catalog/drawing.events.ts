import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import { IsHttpsUrl, IsIdentifier, IsText } from './field-decorators';

/*
 * Field names are snake_case, as in the field-drawing product's payloads this resource comes from.
 * The file links expire 24 hours after the event, so deliveries stop after that too.
 */

const DRAWING_LINK_TTL_SECONDS = 24 * 60 * 60;

/** The `data` of `drawing.created`. */
export class DrawingCreatedData {
  /** The drawing's id. */
  @IsIdentifier()
  id!: string;

  /** The project the drawing belongs to. */
  @IsIdentifier()
  project_id!: string;

  /** The drawing's name. */
  @IsText(200)
  name!: string;

  /** Where to download the drawing as PDF; expires 24 hours after the event, so download it rather than store the link. */
  @IsHttpsUrl()
  pdf_url!: string;

  /** Where to download the drawing as PNG; expires 24 hours after the event, so download it rather than store the link. */
  @IsHttpsUrl()
  png_url!: string;
}

/** The `data` of `drawing.updated`. */
export class DrawingUpdatedData extends DrawingCreatedData {
  /** The drawing's file name. */
  @IsText(255)
  file_name!: string;
}

const drawing: DrawingCreatedData = {
  id: 'drw_5e3b7',
  project_id: 'prj_7d41a',
  name: 'Deck framing plan',
  pdf_url: 'https://exports.fielddraw.example.com/drw_5e3b7.pdf?expires=1795428000&sig=4b1f9c',
  png_url: 'https://exports.fielddraw.example.com/drw_5e3b7.png?expires=1795428000&sig=a82d07',
};

export const DRAWING_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'drawing.created',
    resource: 'drawing',
    description: 'A drawing was created; its PDF and PNG links expire after 24 hours.',
    dataClass: DrawingCreatedData,
    example: drawing,
    defaultTtlSeconds: DRAWING_LINK_TTL_SECONDS,
  }),
  defineEventType({
    type: 'drawing.updated',
    resource: 'drawing',
    description: 'A drawing was updated; its PDF and PNG links expire after 24 hours.',
    dataClass: DrawingUpdatedData,
    example: { ...drawing, file_name: 'deck-framing-plan-rev2.pdf' },
    defaultTtlSeconds: DRAWING_LINK_TTL_SECONDS,
  }),
];
