import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../app/api-context';
import { ErrorNotice, describeError } from '../../components/ErrorNotice';
import { MutationButton } from '../../components/MutationButton';
import { JsonBlock } from '../../components/JsonBlock';
import { LoadingState } from '../../components/LoadingState';
import { useNotify } from '../../components/Notices';
import { queryKeys } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { AttemptsAccordion } from './AttemptsAccordion';

export function DeliveryDetails({
  deliveryId,
  webhookId,
  canRedeliver,
}: {
  deliveryId: string;
  webhookId: string;
  canRedeliver: boolean;
}) {
  const { t } = useI18n();
  const api = useApi();
  const notify = useNotify();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.delivery(deliveryId),
    queryFn: () => api.getDelivery(deliveryId),
    // While retries are due, keep the attempts list current.
    refetchInterval: (current) =>
      current.state.data?.status === 'retrying' || current.state.data?.status === 'pending' ? 3000 : false,
  });
  const redeliver = useMutation({
    mutationFn: () => api.redeliver(deliveryId),
    onSuccess: () => {
      notify(t('log.redelivered', { id: deliveryId }));
      void client.invalidateQueries({ queryKey: queryKeys.deliveries(webhookId) });
      void client.invalidateQueries({ queryKey: queryKeys.delivery(deliveryId) });
    },
    onError: (error) => notify(describeError(error, t)),
  });
  if (query.isPending) {
    return <LoadingState />;
  }
  if (query.isError) {
    return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  }
  const delivery = query.data;
  return (
    <div className="delivery-details">
      <dl className="settings">
        <dt>{t('log.column.id')}</dt>
        <dd>
          <code>{delivery.eventId}</code>
        </dd>
        <dt>{t('log.column.event')}</dt>
        <dd>{delivery.eventType}</dd>
        <dt>{t('log.column.url')}</dt>
        <dd className="url-cell">{delivery.url}</dd>
      </dl>
      {canRedeliver && <MutationButton mutation={redeliver}>{t('log.redeliver')}</MutationButton>}
      <JsonBlock value={delivery.payload} label={t('log.payload')} />
      <h4>{t('log.attempts')}</h4>
      <AttemptsAccordion attempts={delivery.attempts} />
    </div>
  );
}
