import type { CreateWebhookInput } from '../webhook-input';
import {
  WebhookActiveField,
  WebhookEventsField,
  WebhookNameField,
  WebhookUrlField,
} from './webhook-fields.decorators';
import { WebhookOptionsDto } from './webhook-options.dto';

/** Body of `POST /v1/webhooks`. */
export class CreateWebhookDto extends WebhookOptionsDto implements CreateWebhookInput {
  @WebhookNameField({ required: true }) name!: string;

  @WebhookUrlField({ required: true }) url!: string;

  @WebhookEventsField({ required: true }) events!: string[];

  @WebhookActiveField({ defaultValue: false }) active?: boolean;
}
