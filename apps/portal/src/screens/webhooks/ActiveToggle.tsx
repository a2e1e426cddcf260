import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Switch } from 'radix-ui';
import { useApi } from '../../app/api-context';
import { describeError } from '../../components/ErrorNotice';
import { useNotify } from '../../components/Notices';
import { queryKeys } from '../../api/queries';
import type { Webhook } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/** On/off switch of one webhook; switching on makes the platform send a test event. */
export function ActiveToggle({ webhook, disabled }: { webhook: Webhook; disabled: boolean }) {
  const { t } = useI18n();
  const api = useApi();
  const notify = useNotify();
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (active: boolean) => api.updateWebhook(webhook.id, { active }),
    onSuccess: (updated) => {
      notify(t(updated.active ? 'webhooks.activated' : 'webhooks.deactivated', { name: updated.name }));
      void client.invalidateQueries({ queryKey: queryKeys.webhooks });
      void client.invalidateQueries({ queryKey: queryKeys.deliveries(webhook.id) });
    },
    onError: (error) => notify(describeError(error, t)),
  });
  const checked =
    mutation.isPending && mutation.variables !== undefined ? mutation.variables : webhook.active;
  return (
    <Switch.Root
      className="switch"
      checked={checked}
      disabled={disabled || mutation.isPending}
      onCheckedChange={(active) => mutation.mutate(active)}
      aria-label={t('webhooks.toggle', { name: webhook.name })}
    >
      <Switch.Thumb className="switch-thumb" />
    </Switch.Root>
  );
}
