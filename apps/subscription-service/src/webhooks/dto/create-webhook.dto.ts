import type { RetryPolicy } from '@hookline/contracts';
import type { AuthInput, CreateWebhookInput, SignatureSchemeInput } from '../webhook-input';
import {
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

/** Body of `POST /v1/webhooks`. */
export class CreateWebhookDto implements CreateWebhookInput {
  @WebhookNameField({ required: true })
  name!: string;

  @WebhookUrlField({ required: true })
  url!: string;

  @WebhookEventsField({ required: true })
  events!: string[];

  @WebhookActiveField({ defaultValue: false })
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
}
