import {
  WebhookActiveField,
  WebhookDescriptionField,
  WebhookEventsField,
  WebhookNameField,
  WebhookUrlField,
} from './webhook-fields.decorators';

/** Body of `POST /v1/webhooks`; auth, headers, retry policy and the rest arrive in later versions. */
export class CreateWebhookDto {
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
}
