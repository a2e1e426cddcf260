import { ApiProperty } from '@nestjs/swagger';

/** An id the API issues, `<prefix>_<ULID>`, documented with an example of that shape. */
export const IdProperty = (prefix: string) =>
  ApiProperty({ example: `${prefix}_01JDZ8K3W6Y8F7T1V3N9Q2R5XA` });
