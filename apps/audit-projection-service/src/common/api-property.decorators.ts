import { ApiProperty } from '@nestjs/swagger';

const describedAs = (description: string | undefined) => (description === undefined ? {} : { description });

/** An ISO 8601 instant. */
export const ApiTimestamp = (description?: string) =>
  ApiProperty({ format: 'date-time', ...describedAs(description) });

/** An ISO 8601 instant, or null: OpenAPI needs the type spelt out, it cannot read it from the union. */
export const ApiNullableTimestamp = (description: string) =>
  ApiProperty({ type: String, format: 'date-time', nullable: true, description });

/** A string or number that may be null: OpenAPI needs the type spelt out, it cannot read it from the union. */
export const ApiNullable = (type: StringConstructor | NumberConstructor, description?: string) =>
  ApiProperty({ type, nullable: true, ...describedAs(description) });
