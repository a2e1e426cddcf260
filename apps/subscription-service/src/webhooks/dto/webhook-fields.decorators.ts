import { applyDecorators } from '@nestjs/common';
import { FILTER_LIMITS, FILTER_OPERATORS, findFilterProblem } from '@hookline/contracts';
import { ApiProperty, ApiPropertyOptional, getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Omittable } from '../../common/omittable.decorator';
import { SatisfiesRules } from '../../common/satisfies-rules.decorator';
import { findCustomHeaderProblems } from '../validate-custom-headers';
import { findEndpointTlsProblems } from '../validate-endpoint-tls';
import { findMetadataProblems } from '../validate-metadata';
import { DEFAULT_HMAC_SIGNATURE_HEADER, WEBHOOK_DEFAULTS } from '../webhook-defaults';
import { WEBHOOK_LIMITS } from '../webhook-limits';
import {
  AUTH_SUBTYPES,
  BasicAuthDto,
  BearerAuthDto,
  NoAuthDto,
  OAuth2AuthDto,
  UnknownAuthDto,
} from './endpoint-auth.dto';
import { CustomRetryPolicyDto, PresetRetryPolicyDto, RETRY_POLICY_SUBTYPES } from './retry-policy.dto';
import {
  Ed25519SignatureSchemeDto,
  HmacSignatureSchemeDto,
  SIGNATURE_SCHEME_SUBTYPES,
  StandardSignatureSchemeDto,
} from './signature-scheme.dto';

/** Create needs the field; update lets it out. Either way a value that is present is validated. */
export interface FieldOptions {
  required: boolean;
}

export const MAX_EVENT_PATTERNS = WEBHOOK_LIMITS.maxEventPatterns;

function documented(options: FieldOptions, doc: ApiPropertyOptions): PropertyDecorator {
  return options.required ? ApiProperty(doc) : applyDecorators(ApiPropertyOptional(doc), Omittable());
}

const NOT_AN_OBJECT = 'array';

/**
 * A string map (headers, metadata) validated as the client sent it: class-transformer's copy skips keys
 * named like `Object.prototype` members (`hasOwnProperty`, `toString`), which were silently dropped.
 */
const AsSent = () => Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => obj[key]);

/**
 * A nested object whose class is picked by its discriminator; an unknown value falls back to `fallback`.
 * The class is picked here rather than by class-transformer's `discriminator`, which reads the property
 * of every element of an array and throws on `[null]`; an array is never a valid setting and is
 * refused as not an object.
 */
function Discriminated(
  property: string,
  fallback: new () => object,
  subTypes: Array<{ name: string; value: new () => object }>,
  { nullable = false }: { nullable?: boolean } = {},
): PropertyDecorator {
  const pick = (value: unknown): new () => object => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fallback;
    }
    const name = (value as Record<string, unknown>)[property];
    return subTypes.find((subType) => subType.name === name)?.value ?? fallback;
  };
  return applyDecorators(
    nullable ? IsOptional() : Omittable(),
    IsObject(),
    ValidateNested(),
    Type((options) =>
      pick(options?.property ? (options.object as Record<string, unknown>)[options.property] : undefined),
    ),
    Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? NOT_AN_OBJECT : value)),
  );
}

function oneOf(property: string, mapping: Record<string, new () => object>): ApiPropertyOptions {
  const classes = [...new Set(Object.values(mapping))];
  return {
    oneOf: classes.map((dto) => ({ $ref: getSchemaPath(dto) })),
    discriminator: {
      propertyName: property,
      mapping: Object.fromEntries(Object.entries(mapping).map(([name, dto]) => [name, getSchemaPath(dto)])),
    },
  };
}

/** Every class a `oneOf` of this file refers to; register them with `@ApiExtraModels`. */
export const WEBHOOK_OPTION_MODELS = [
  NoAuthDto,
  BasicAuthDto,
  BearerAuthDto,
  OAuth2AuthDto,
  PresetRetryPolicyDto,
  CustomRetryPolicyDto,
  StandardSignatureSchemeDto,
  Ed25519SignatureSchemeDto,
  HmacSignatureSchemeDto,
];

export const WebhookNameField = (options: FieldOptions) =>
  applyDecorators(
    documented(options, {
      example: 'Production CRM sync',
      minLength: 1,
      maxLength: WEBHOOK_LIMITS.nameMaxLength,
    }),
    IsString(),
    Length(1, WEBHOOK_LIMITS.nameMaxLength),
    Matches(/\S/, { message: 'name must not be blank' }),
  );

export const WebhookUrlField = (options: FieldOptions) =>
  applyDecorators(
    documented(options, {
      example: 'https://hooks.example.com/hookline',
      maxLength: WEBHOOK_LIMITS.urlMaxLength,
      description:
        'https only (http only where the platform runs with ALLOW_INSECURE_URLS); private, loopback and metadata addresses are refused.',
    }),
    IsString(),
    MaxLength(WEBHOOK_LIMITS.urlMaxLength),
  );

export const WebhookEventsField = (options: FieldOptions) =>
  applyDecorators(
    documented(options, {
      type: [String],
      example: ['job.created', 'estimate.*'],
      minItems: 1,
      maxItems: MAX_EVENT_PATTERNS,
      description:
        'Exact event types of the catalog (GET /v1/event-types), `<resource>.*`, or `*` for every event.',
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
      description:
        'Whether events are delivered to the endpoint. Switching it on sends a `webhook.test` event to the endpoint.',
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
      maxLength: WEBHOOK_LIMITS.descriptionMaxLength,
      example: 'Pushes job changes to the CRM',
    }),
    IsOptional(),
    IsString(),
    MaxLength(WEBHOOK_LIMITS.descriptionMaxLength),
  );

/** Nullable: null takes every event again. Checked as a whole, the message naming the offending part. */
export const WebhookFilterField = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      additionalProperties: true,
      nullable: true,
      default: null,
      example: {
        and: [
          { field: 'data.status', eq: 'completed' },
          { not: { field: 'subject', startsWith: 'job_test_' } },
        ],
      },
      description: `Of the events of the subscribed types, deliver only those this selects. A condition compares one field (\`type\`, \`subject\` or \`data.<path>\`) with a value by one of ${FILTER_OPERATORS.join(', ')}; \`and\`, \`or\` (lists) and \`not\` combine them, at most ${FILTER_LIMITS.maxDepth} levels deep, ${FILTER_LIMITS.conditions} conditions and ${FILTER_LIMITS.encodedLength} characters as JSON. A condition on a field the event lacks is false (except \`exists: false\`). null delivers every event; replaced as a whole on PATCH.`,
    }),
    IsOptional(),
    AsSent(),
    SatisfiesRules((value) => {
      const problem = findFilterProblem(value);
      return problem ? [`${problem.path} ${problem.message}`] : [];
    }),
  );

interface StringMapDoc {
  valueMaxLength: number;
  maxEntries: number;
  example: Record<string, string>;
  default: Record<string, string>;
  description: string;
}

/** A string map, validated as sent and checked as a whole by `findProblems`. */
const StringMapField = (
  { valueMaxLength, maxEntries, ...doc }: StringMapDoc,
  findProblems: (value: unknown) => string[],
) =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      additionalProperties: { type: 'string', maxLength: valueMaxLength },
      maxProperties: maxEntries,
      ...doc,
    }),
    Omittable(),
    AsSent(),
    SatisfiesRules(findProblems),
  );

export const WebhookMetadataField = () =>
  StringMapField(
    {
      valueMaxLength: WEBHOOK_LIMITS.metadataValueMaxLength,
      maxEntries: WEBHOOK_LIMITS.maxMetadataKeys,
      example: { team: 'integrations', crm: 'salesforce' },
      default: WEBHOOK_DEFAULTS.metadata(),
      description: `Your own labels: at most ${WEBHOOK_LIMITS.maxMetadataKeys} keys of 1-${WEBHOOK_LIMITS.metadataKeyMaxLength} characters, string values of at most ${WEBHOOK_LIMITS.metadataValueMaxLength}, ${WEBHOOK_LIMITS.metadataMaxBytes} bytes in all. Replaced as a whole on PATCH.`,
    },
    findMetadataProblems,
  );

export const WebhookAuthField = () =>
  applyDecorators(
    ApiPropertyOptional({
      ...oneOf('type', {
        none: NoAuthDto,
        basic: BasicAuthDto,
        bearer: BearerAuthDto,
        oauth2: OAuth2AuthDto,
      }),
      default: WEBHOOK_DEFAULTS.auth(),
      description:
        'How the endpoint authenticates Hookline. Credentials are stored encrypted and never returned; replaced as a whole on PATCH.',
    }),
    Discriminated('type', UnknownAuthDto, AUTH_SUBTYPES),
  );

export const WebhookHeadersField = () =>
  StringMapField(
    {
      valueMaxLength: WEBHOOK_LIMITS.headerValueMaxLength,
      maxEntries: WEBHOOK_LIMITS.maxHeaders,
      example: { 'X-Tenant': 'acme' },
      default: WEBHOOK_DEFAULTS.headers(),
      description: `Custom request headers (at most ${WEBHOOK_LIMITS.maxHeaders}; names of at most ${WEBHOOK_LIMITS.headerNameMaxLength} characters, values of at most ${WEBHOOK_LIMITS.headerValueMaxLength}). Hop-by-hop, proxy-*, host, content-*, authorization (use auth), user-agent and webhook-* headers are refused. Replaced as a whole on PATCH.`,
    },
    findCustomHeaderProblems,
  );

/** Nullable: null removes it. Checked as a whole with node:crypto, each message naming its field. */
export const WebhookTlsField = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      nullable: true,
      default: null,
      properties: {
        clientCertificate: {
          type: 'string',
          nullable: true,
          maxLength: WEBHOOK_LIMITS.tlsCertificateMaxLength,
          description:
            'PEM client certificate Hookline presents when the endpoint asks for one (mutual TLS): the leaf first, then any intermediates. Needs privateKey.',
        },
        privateKey: {
          type: 'string',
          nullable: true,
          writeOnly: true,
          maxLength: WEBHOOK_LIMITS.tlsPrivateKeyMaxLength,
          description:
            'Unencrypted PEM private key of clientCertificate (PKCS#8, PKCS#1 or SEC1). Stored encrypted; never returned.',
        },
        caCertificates: {
          type: 'string',
          nullable: true,
          maxLength: WEBHOOK_LIMITS.tlsCaBundleMaxLength,
          description:
            "PEM CA certificates that alone are trusted for the endpoint's certificate (a self-hosted receiver's private CA), instead of the public roots.",
        },
      },
      example: {
        clientCertificate: '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n',
        privateKey: '-----BEGIN PRIVATE KEY-----\nMIGH…\n-----END PRIVATE KEY-----\n',
        caCertificates: null,
      },
      description: `Mutual TLS and private CAs: a client certificate with its key, a CA bundle, or both. The certificate must be valid now and the key must be its own; at most ${WEBHOOK_LIMITS.tlsMaxCertificates} certificates per field. Certificate verification always stays on. null removes it; replaced as a whole on PATCH.`,
    }),
    IsOptional(),
    AsSent(),
    SatisfiesRules((value) => findEndpointTlsProblems(value)),
  );

/** A retry schedule or null (a default applies); also the body field of an organization's delivery defaults. */
export const NullableRetryPolicyField = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({
      ...oneOf('preset', {
        standard: PresetRetryPolicyDto,
        short: PresetRetryPolicyDto,
        jittered: PresetRetryPolicyDto,
        none: PresetRetryPolicyDto,
        custom: CustomRetryPolicyDto,
      }),
      nullable: true,
      default: null,
      description,
    }),
    Discriminated('preset', PresetRetryPolicyDto, RETRY_POLICY_SUBTYPES, { nullable: true }),
  );

export const WebhookRetryPolicyField = () =>
  NullableRetryPolicyField(
    "When failed deliveries are retried. null (the default) inherits each event type's default schedule (`defaultRetryPolicy` of GET /v1/event-types: your organization's for the type, else the catalog's, else `standard`); a schedule set here wins over every default.",
  );

export const WebhookTimeoutField = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      minimum: WEBHOOK_LIMITS.minTimeoutSeconds,
      maximum: WEBHOOK_LIMITS.maxTimeoutSeconds,
      default: WEBHOOK_DEFAULTS.timeoutSeconds,
      example: 15,
      description: 'Seconds the endpoint has to answer an attempt.',
    }),
    Omittable(),
    IsInt(),
    Min(WEBHOOK_LIMITS.minTimeoutSeconds),
    Max(WEBHOOK_LIMITS.maxTimeoutSeconds),
  );

export const WebhookSignatureSchemeField = () =>
  applyDecorators(
    ApiPropertyOptional({
      ...oneOf('type', {
        'standard-webhooks': StandardSignatureSchemeDto,
        'standard-webhooks-ed25519': Ed25519SignatureSchemeDto,
        'hmac-sha256-hex': HmacSignatureSchemeDto,
      }),
      default: WEBHOOK_DEFAULTS.signatureScheme(),
      description: `standard-webhooks: the webhook-signature header of the Standard Webhooks spec (v1, HMAC-SHA256). standard-webhooks-ed25519: the same header with v1a ed25519 signatures, verified with the webhook's whpk_ public key; switching to or from it replaces the secret at once, without a grace period. hmac-sha256-hex: the hex HMAC of the raw body in \`header\` (default ${DEFAULT_HMAC_SIGNATURE_HEADER}).`,
    }),
    Discriminated('type', StandardSignatureSchemeDto, SIGNATURE_SCHEME_SUBTYPES),
  );

export const WebhookOrderedField = () =>
  applyDecorators(
    ApiPropertyOptional({
      default: WEBHOOK_DEFAULTS.ordered,
      description: 'Deliver the events of one subject in order; a failing delivery holds the later ones.',
    }),
    Omittable(),
    IsBoolean(),
  );

/** A positive integer up to `max`, or null for the platform's default. */
export const NullableLimitField = (max: number, description: string, example: number) =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      nullable: true,
      minimum: 1,
      maximum: max,
      default: null,
      example,
      description,
    }),
    IsOptional(),
    IsInt(),
    Min(1),
    Max(max),
  );

export const WebhookRateLimitField = () =>
  NullableLimitField(
    WEBHOOK_LIMITS.maxRateLimitPerSecond,
    'Deliveries per second to the endpoint; null for no limit.',
    50,
  );

export const WebhookMaxConcurrencyField = () =>
  NullableLimitField(
    WEBHOOK_LIMITS.maxConcurrency,
    'Requests in flight to the endpoint at once; null for the platform default.',
    10,
  );

export const RotateSigningSecretField = () =>
  applyDecorators(
    ApiPropertyOptional({
      description:
        'true issues a new signing secret (returned as signingSecret); the old one keeps being signed with for the grace period (SECRET_ROTATION_GRACE_SECONDS). false changes nothing.',
      example: true,
    }),
    Omittable(),
    IsBoolean(),
  );
