import type { UpdateWebhookInput } from '../webhook-input';
import {
  RotateSigningSecretField,
  WebhookActiveField,
  WebhookEventsField,
  WebhookNameField,
  WebhookUrlField,
} from './webhook-fields.decorators';
import { WebhookOptionsDto } from './webhook-options.dto';

/** Body of `PATCH /v1/webhooks/:id`: every field optional, each validated as on create. */
export class UpdateWebhookDto extends WebhookOptionsDto implements UpdateWebhookInput {
  @WebhookNameField({ required: false }) name?: string;

  @WebhookUrlField({ required: false }) url?: string;

  @WebhookEventsField({ required: false }) events?: string[];

  @WebhookActiveField() active?: boolean;

  @RotateSigningSecretField() rotateSigningSecret?: boolean;
}
