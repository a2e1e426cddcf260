import type { RetryPolicy } from '@hookline/contracts';
import type { AuthInput, SignatureSchemeInput, UpdateWebhookInput } from '../webhook-input';
import {
  RotateSigningSecretField,
  WebhookActiveField,
  WebhookAuthField,
  WebhookDescriptionField,
  WebhookEventsField,
  WebhookHeadersField,
  WebhookMaxConcurrencyField,
  WebhookMetadataField,
  WebhookNameField,
  WebhookOrderedField,
  WebhookRateLimitField,
  WebhookRetryPolicyField,
  WebhookSignatureSchemeField,
  WebhookTimeoutField,
  WebhookUrlField,
} from './webhook-fields.decorators';

/** Body of `PATCH /v1/webhooks/:id`: every field optional, each validated as on create. */
export class UpdateWebhookDto implements UpdateWebhookInput {
  @WebhookNameField({ required: false })
  name?: string;

  @WebhookUrlField({ required: false })
  url?: string;

  @WebhookEventsField({ required: false })
  events?: string[];

  @WebhookActiveField()
  active?: boolean;

  @WebhookDescriptionField()
  description?: string | null;

  @WebhookMetadataField()
  metadata?: Record<string, string>;

  @WebhookAuthField()
  auth?: AuthInput;

  @WebhookHeadersField()
  headers?: Record<string, string>;

  @WebhookRetryPolicyField()
  retryPolicy?: RetryPolicy;

  @WebhookTimeoutField()
  timeoutSeconds?: number;

  @WebhookSignatureSchemeField()
  signatureScheme?: SignatureSchemeInput;

  @WebhookOrderedField()
  ordered?: boolean;

  @WebhookRateLimitField()
  rateLimitPerSecond?: number | null;

  @WebhookMaxConcurrencyField()
  maxConcurrency?: number | null;

  @RotateSigningSecretField()
  rotateSigningSecret?: boolean;
}
