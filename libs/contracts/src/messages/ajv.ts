import Ajv from 'ajv';
import { isEmail, isISO31661Alpha2, isISO4217CurrencyCode, isISO8601, isURL, isUUID } from 'class-validator';

const WITH_UTC_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const HTTPS_URL = { protocols: ['https'], require_protocol: true, require_valid_protocol: true };

/**
 * Formats the schemas use, each the very function (with the same options) the class-validator
 * decorator of the same rule calls, so a schema and its decorator judge a string alike.
 */
const FORMATS: Record<string, (value: string) => boolean> = {
  iso8601: (value: string) => isISO8601(value, { strict: true }),
  // Without an explicit offset Postgres would guess the zone, so stored instants carry one.
  timestamp: (value: string) =>
    isISO8601(value, { strict: true, strictSeparator: true }) && WITH_UTC_OFFSET.test(value),
  'https-url': (value: string) => isURL(value, HTTPS_URL),
  'email-address': (value: string) => isEmail(value),
  'country-code': (value: string) => isISO31661Alpha2(value),
  'currency-code': (value: string) => isISO4217CurrencyCode(value),
  'any-uuid': (value: string) => isUUID(value, 'all'),
};

// validator.js throws on some strings (a lone surrogate reaches encodeURI): such a string is refused.
for (const [name, check] of Object.entries(FORMATS)) {
  FORMATS[name] = (value: string) => {
    try {
      return check(value);
    } catch {
      return false;
    }
  };
}

export const FORMAT_DESCRIPTIONS: Record<string, string> = {
  iso8601: 'an ISO 8601 date',
  timestamp: 'an ISO 8601 date-time with a UTC offset, e.g. 2026-11-22T10:00:00.000Z',
  'https-url': 'an https URL',
  'email-address': 'an email address',
  'country-code': 'an ISO 3166-1 alpha-2 country code',
  'currency-code': 'an ISO 4217 currency code',
  'any-uuid': 'a UUID',
};

/**
 * An Ajv instance for Hookline's schemas. `allErrors` collects every problem, for the message of a
 * refusal; without it validation stops at the first, which is what accepting needs.
 */
export function newAjv(allErrors: boolean): Ajv {
  return new Ajv({
    allErrors,
    // `verbose` gives each error its schema, which messages read.
    verbose: allErrors,
    strict: true,
    // A branch (if/then, a union member) may require a field its parent schema declares.
    strictRequired: false,
    allowUnionTypes: true,
    discriminator: true,
    formats: FORMATS,
  });
}
