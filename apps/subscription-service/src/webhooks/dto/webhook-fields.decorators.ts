import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { Omittable } from '../../common/omittable.decorator';

/** Create needs the field; update lets it out. Either way a value that is present is validated. */
export interface FieldOptions {
  required: boolean;
}

export const MAX_EVENT_PATTERNS = 100;

function documented(options: FieldOptions, doc: ApiPropertyOptions): PropertyDecorator {
  return options.required ? ApiProperty(doc) : applyDecorators(ApiPropertyOptional(doc), Omittable());
}

export const WebhookNameField = (options: FieldOptions) =>
  applyDecorators(
    documented(options, { example: 'Production CRM sync', minLength: 1, maxLength: 100 }),
    IsString(),
    Length(1, 100),
    Matches(/\S/, { message: 'name must not be blank' }),
  );

export const WebhookUrlField = (options: FieldOptions) =>
  applyDecorators(
    documented(options, {
      example: 'https://hooks.example.com/hookline',
      maxLength: 2048,
      description: 'https only; private, loopback and metadata addresses are refused.',
    }),
    IsString(),
    MaxLength(2048),
  );

export const WebhookEventsField = (options: FieldOptions) =>
  applyDecorators(
    documented(options, {
      type: [String],
      example: ['job.created', 'estimate.*'],
      maxItems: MAX_EVENT_PATTERNS,
      description: 'Exact event types of the catalog, `<resource>.*`, or `*` for every event.',
    }),
    IsArray(),
    ArrayNotEmpty(),
    ArrayMaxSize(MAX_EVENT_PATTERNS),
    IsString({ each: true }),
    MaxLength(100, { each: true }),
  );

/** Optional everywhere; `defaultValue` documents what create assumes when it is left out. */
export const WebhookActiveField = (options: { defaultValue?: boolean } = {}) =>
  applyDecorators(
    ApiPropertyOptional({
      default: options.defaultValue,
      description: 'Whether events are delivered to the endpoint.',
    }),
    Omittable(),
    IsBoolean(),
  );

/** Nullable: null clears the description. */
export const WebhookDescriptionField = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      nullable: true,
      maxLength: 1000,
      example: 'Pushes job changes to the CRM',
    }),
    IsOptional(),
    IsString(),
    MaxLength(1000),
  );
