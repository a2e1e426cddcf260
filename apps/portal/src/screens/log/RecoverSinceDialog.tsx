import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../app/api-context';
import { ConfirmDialog, dialogTexts } from '../../components/ConfirmDialog';
import { describeError } from '../../components/ErrorNotice';
import { useNotify } from '../../components/Notices';
import { queryKeys } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';

const localNow = (offsetHours: number) => {
  const date = new Date(Date.now() - offsetHours * 3600_000);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

export function RecoverSinceDialog({ webhookId }: { webhookId: string }) {
  const { t } = useI18n();
  const api = useApi();
  const notify = useNotify();
  const client = useQueryClient();
  const [since, setSince] = useState(() => localNow(24));
  const recover = useMutation({
    mutationFn: () => api.recoverSince(webhookId, new Date(since).toISOString()),
    onSuccess: (result) => {
      notify(t('log.recovered', { count: result.count, skipped: result.skipped }));
      void client.invalidateQueries({ queryKey: queryKeys.deliveries(webhookId) });
    },
    onError: (error) => notify(describeError(error, t)),
  });
  return (
    <ConfirmDialog {...dialogTexts(t, 'log.recover')} onConfirm={() => recover.mutate()}>
      <label className="field">
        {t('log.recoverSince')}
        <input type="datetime-local" value={since} onChange={(event) => setSince(event.target.value)} />
      </label>
    </ConfirmDialog>
  );
}
