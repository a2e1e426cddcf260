import { EXTERNAL_ID_PATTERN, findEventType, validateEventData } from '@hookline/contracts';
import type { IngestEventDto } from './dto/ingest-event.dto';

const ORGANIZATION_ID_FORMAT = 'organizationId must be 1-128 characters of A-Z a-z 0-9 _ . : -';

/**
 * What the envelope checks add to the `ValidationPipe`, which already validated every field
 * `IngestEventDto` shares with `EventEnvelope` the same way: the type is in the catalog and may be
 * published, the organization is a valid id (the API key's own is not part of the request), and
 * `data` meets the type's contract. Errors name the field, as `validateEnvelope` would.
 */
export function catalogErrors(input: IngestEventDto, organizationId: string): string[] {
  const definition = findEventType(input.type);
  if (definition?.origin === 'platform') {
    return [`type "${input.type}" is emitted by Hookline itself and cannot be published`];
  }
  // A service token's request may say `organizationId: null`, which `@IsOptional()` lets through.
  if (typeof organizationId !== 'string') {
    return [ORGANIZATION_ID_FORMAT, 'organizationId must be a string'];
  }
  if (!EXTERNAL_ID_PATTERN.test(organizationId)) {
    return [ORGANIZATION_ID_FORMAT];
  }
  if (definition === undefined) {
    return [`type "${input.type}" is not in the event catalog`];
  }
  const data = validateEventData(input.type, input.data);
  return data.ok ? [] : data.errors;
}
