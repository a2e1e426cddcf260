import { UserRef } from './common.dto';
import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import {
  IsHttpsUrl,
  IsIdentifier,
  IsMeasure,
  IsNestedList,
  IsNestedObject,
  IsText,
  IsTimestamp,
  Nullable,
} from './field-decorators';

/** One measured room of a report; lengths in feet, areas in square feet. */
export class ReportRoom {
  /** The room's name, e.g. `Living room`. */
  @IsText(100)
  name!: string;

  /** The floor area in square feet. */
  @IsMeasure()
  floorAreaSquareFeet!: number;

  /** The wall area in square feet, or null when walls were not measured. */
  @Nullable()
  @IsMeasure()
  wallAreaSquareFeet!: number | null;

  /** The floor perimeter in feet. */
  @IsMeasure()
  perimeterFeet!: number;

  /** The ceiling height in feet, or null when not measured. */
  @Nullable()
  @IsMeasure()
  ceilingHeightFeet!: number | null;
}

/** The `data` of `report.submitted`: a measurement report submitted for a project. */
export class ReportSubmittedData {
  /** The report's id. */
  @IsIdentifier()
  id!: string;

  /** The project the report measures. */
  @IsIdentifier()
  projectId!: string;

  /** The person who submitted the report (a user, or a customer measuring their own home). */
  @IsNestedObject(() => UserRef)
  submittedBy!: UserRef;

  /** The total floor area of all rooms in square feet. */
  @IsMeasure()
  totalFloorAreaSquareFeet!: number;

  /** The measured rooms. */
  @IsNestedList(() => ReportRoom, 0, 200)
  rooms!: ReportRoom[];

  /** Where to view the full report with photos and sketches. */
  @IsHttpsUrl()
  reportUrl!: string;

  /** When the report was submitted. */
  @IsTimestamp()
  submittedAt!: string;
}

export const REPORT_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'report.submitted',
    resource: 'report',
    description: 'A measurement report was submitted for a project.',
    dataClass: ReportSubmittedData,
    example: {
      id: 'rpt_0c6f4',
      projectId: 'prj_91b2d',
      submittedBy: { id: 'cst_8b21d', name: 'Olivia Grant', email: 'olivia.grant@example.com' },
      totalFloorAreaSquareFeet: 412.6,
      rooms: [
        {
          name: 'Living room',
          floorAreaSquareFeet: 286.4,
          wallAreaSquareFeet: 548.2,
          perimeterFeet: 68.5,
          ceilingHeightFeet: 8,
        },
        {
          name: 'Hallway',
          floorAreaSquareFeet: 126.2,
          wallAreaSquareFeet: null,
          perimeterFeet: 52.3,
          ceilingHeightFeet: null,
        },
      ],
      reportUrl: 'https://app.measure.example.com/reports/rpt_0c6f4',
      submittedAt: '2026-11-22T10:00:00.000Z',
    },
  }),
];
