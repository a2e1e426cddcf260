import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../app/api-context';
import { navigate } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { ScreenFrame } from '../../components/ScreenFrame';
import { useNotify } from '../../components/Notices';
import { queryKeys } from '../../api/queries';
import type { WebhookInput } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { WebhookForm } from './WebhookForm';

export function WebhookFormScreen({ webhookId }: { webhookId: string | null }) {
  const { t } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const notify = useNotify();
  const eventTypes = useQuery({
    queryKey: queryKeys.eventTypes,
    queryFn: () => api.listEventTypes(),
    staleTime: 300_000,
  });
  const webhook = useQuery({
    queryKey: queryKeys.webhook(webhookId ?? ''),
    queryFn: () => api.getWebhook(webhookId ?? ''),
    enabled: webhookId !== null,
  });
  const title =
    webhookId && webhook.data ? t('form.editTitle', { name: webhook.data.name }) : t('form.createTitle');

  const submit = async (input: Partial<WebhookInput>) => {
    if (webhookId) {
      await api.updateWebhook(webhookId, input);
      notify(t('form.updated'));
    } else {
      await api.createWebhook(input as WebhookInput);
      notify(t('form.created'));
    }
    await client.invalidateQueries({ queryKey: queryKeys.webhooks });
    navigate(webhookId ? { screen: 'webhook', id: webhookId } : { screen: 'webhooks' });
  };

  const failed = eventTypes.error ?? webhook.error;
  return (
    <ScreenFrame titleId="form-title" title={title}>
      {failed && (
        <ErrorNotice
          error={failed}
          onRetry={() => void Promise.all([eventTypes.refetch(), webhook.refetch()])}
        />
      )}
      {!failed && (eventTypes.isPending || (webhookId !== null && webhook.isPending)) && (
        <LoadingState label={t('form.events.loading')} />
      )}
      {eventTypes.data && (webhookId === null || webhook.data) && (
        <WebhookForm
          initial={webhook.data ?? null}
          eventTypes={eventTypes.data.items}
          onSubmit={submit}
          onCancel={() => navigate(webhookId ? { screen: 'webhook', id: webhookId } : { screen: 'webhooks' })}
        />
      )}
    </ScreenFrame>
  );
}
