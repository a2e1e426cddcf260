import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../app/api-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useNotify } from '../../components/Notices';
import { QueryStatus } from '../../components/QueryStatus';
import { queryKeys } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { BackfillList } from './BackfillList';

/** Polled while a backfill is unfinished, so its progress moves on screen. */
const PROGRESS_POLL_MS = 2_000;

export function BackfillPanel({ webhookId, canWrite }: { webhookId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const api = useApi();
  const notify = useNotify();
  const client = useQueryClient();
  const queryKey = queryKeys.backfills(webhookId);
  const backfills = useQuery({
    queryKey,
    queryFn: () => api.listBackfills(webhookId),
    refetchInterval: (query) =>
      query.state.data?.items.some((item) => item.status === 'pending' || item.status === 'running')
        ? PROGRESS_POLL_MS
        : false,
  });
  const start = useMutation({
    mutationFn: (since: string) => api.startBackfill(webhookId, since),
    onSuccess: async (started) => {
      notify(t('backfill.started', { id: started.id }));
      await client.invalidateQueries({ queryKey });
    },
  });
  const cancel = useMutation({
    mutationFn: (backfillId: string) => api.cancelBackfill(webhookId, backfillId),
    onSuccess: async (cancelled) => {
      notify(t('backfill.cancelled', { id: cancelled.id }));
      await client.invalidateQueries({ queryKey });
    },
  });
  return (
    <section className="panel" aria-labelledby="backfill-title">
      <h3 id="backfill-title">{t('backfill.title')}</h3>
      <p className="help">{t('backfill.help')}</p>
      <QueryStatus query={backfills} />
      {backfills.data && (
        <BackfillList
          backfills={backfills.data.items}
          canWrite={canWrite}
          busy={start.isPending || cancel.isPending}
          onStart={(since) => start.mutate(since)}
          onCancel={(backfillId) => cancel.mutate(backfillId)}
        />
      )}
      {start.isError && <ErrorNotice error={start.error} />}
      {cancel.isError && <ErrorNotice error={cancel.error} />}
    </section>
  );
}
