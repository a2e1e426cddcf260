import type { RetryPolicy, WebhookFilter } from '@hookline/contracts';
import type { TlsInput } from '../validate-endpoint-tls';
import type { AuthInput, SignatureSchemeInput } from '../webhook-input';
import {
  WebhookAuthField,
  WebhookDescriptionField,
  WebhookFilterField,
  WebhookHeadersField,
  WebhookMaxConcurrencyField,
  WebhookMetadataField,
  WebhookOrderedField,
  WebhookRateLimitField,
  WebhookRetryPolicyField,
  WebhookSignatureSchemeField,
  WebhookTimeoutField,
  WebhookTlsField,
} from './webhook-fields.decorators';

/**
 * The settings create and update both accept, each optional and validated alike; the two bodies
 * differ only in which of name, url and events are required, `active`'s default, and the rotation flag.
 */
export abstract class WebhookOptionsDto {
  @WebhookDescriptionField() description?: string | null;

  @WebhookFilterField() filter?: WebhookFilter | null;

  @WebhookMetadataField() metadata?: Record<string, string>;

  @WebhookAuthField() auth?: AuthInput;

  @WebhookHeadersField() headers?: Record<string, string>;

  @WebhookTlsField() tls?: TlsInput | null;

  @WebhookRetryPolicyField() retryPolicy?: RetryPolicy | null;

  @WebhookTimeoutField() timeoutSeconds?: number;

  @WebhookSignatureSchemeField() signatureScheme?: SignatureSchemeInput;

  @WebhookOrderedField() ordered?: boolean;

  @WebhookRateLimitField() rateLimitPerSecond?: number | null;

  @WebhookMaxConcurrencyField() maxConcurrency?: number | null;
}
