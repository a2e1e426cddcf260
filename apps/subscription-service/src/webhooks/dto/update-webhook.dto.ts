import {
  WebhookActiveField,
  WebhookDescriptionField,
  WebhookEventsField,
  WebhookNameField,
  WebhookUrlField,
} from './webhook-fields.decorators';

/** Body of `PATCH /v1/webhooks/:id`: every field optional, each validated as on create. */
export class UpdateWebhookDto {
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
}
