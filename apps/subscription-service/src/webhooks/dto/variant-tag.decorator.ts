import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

/** The field (`type`, `preset`) that names which variant of a setting an object is: always `value`. */
export const VariantTag = (value: string) =>
  // In the order a stack of the two would apply: the lower one first.
  applyDecorators(IsIn([value]), ApiProperty({ enum: [value], example: value }));
