import { DEFS_PREFIX, MESSAGE_SCHEMAS, type JSONSchema } from '@hookline/contracts';

const COMPONENTS_PREFIX = '#/components/schemas/';

/**
 * The schemas consumers validate messages with, as AsyncAPI components: references point into
 * `components/schemas`, Hookline's instant format is the standard `date-time`, and a union's
 * discriminator is the property name AsyncAPI expects. The envelope's schema comes from its DTO.
 */
export function contractSchemas(): Record<string, JSONSchema> {
  return Object.fromEntries(
    Object.entries(MESSAGE_SCHEMAS)
      .filter(([name]) => name !== 'EventEnvelope')
      .map(([name, schema]) => [name, asAsyncApi(schema) as JSONSchema]),
  );
}

function asAsyncApi(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(asAsyncApi);
  }
  if (typeof node !== 'object' || node === null) {
    return node;
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(DEFS_PREFIX)) {
        return [key, `${COMPONENTS_PREFIX}${value.slice(DEFS_PREFIX.length)}`];
      }
      if (key === 'format' && value === 'timestamp') {
        return [key, 'date-time'];
      }
      if (key === 'discriminator' && typeof value === 'object' && value !== null) {
        return [key, (value as { propertyName: string }).propertyName];
      }
      return [key, asAsyncApi(value)];
    }),
  );
}
