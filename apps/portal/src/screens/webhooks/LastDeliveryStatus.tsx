import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/api-context';
import { StatusBadge } from '../../components/StatusBadge';
import { queryKeys } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';

export function LastDeliveryStatus({ webhookId }: { webhookId: string }) {
  const { t } = useI18n();
  const api = useApi();
  const query = useQuery({
    queryKey: queryKeys.latestDelivery(webhookId),
    queryFn: () => api.listDeliveries(webhookId, {}, undefined, 1),
    refetchInterval: 10_000,
  });
  if (query.isPending) {
    return <span className="help">…</span>;
  }
  if (query.isError) {
    return <span className="help">—</span>;
  }
  const latest = query.data.items[0];
  if (!latest) {
    return <span className="help">{t('webhooks.noDeliveries')}</span>;
  }
  return <StatusBadge status={latest.status} responseStatus={latest.lastResponseStatus} />;
}
