import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useApi } from '../../app/api-context';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { QueryStatus } from '../../components/QueryStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { queryKeys } from '../../api/queries';
import type { DeliveryFilters } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { DeliveryDetails } from './DeliveryDetails';
import { LogFilters } from './LogFilters';
import { RecoverSinceDialog } from './RecoverSinceDialog';

/** A webhook's deliveries, newest first, a page at a time; each row opens onto its payload and attempts. */
export function LogHistory({ webhookId, canRedeliver }: { webhookId: string; canRedeliver: boolean }) {
  const { t, formatDateTime } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const [expanded, setExpanded] = useState<string | null>(null);
  const cursor = cursors.at(-1);
  const eventTypes = useQuery({
    queryKey: queryKeys.eventTypes,
    queryFn: () => api.listEventTypes(),
    staleTime: 300_000,
  });
  const page = useQuery({
    queryKey: queryKeys.deliveryPage(webhookId, filters, cursor),
    queryFn: () => api.listDeliveries(webhookId, filters, cursor),
    refetchInterval: cursor === undefined ? 5000 : false,
  });
  const applyFilters = (next: DeliveryFilters) => {
    setFilters(next);
    setCursors([]);
    setExpanded(null);
  };

  return (
    <section className="panel" aria-labelledby="log-title">
      <header className="screen-header">
        <h3 id="log-title">{t('log.title')}</h3>
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => void client.invalidateQueries({ queryKey: queryKeys.deliveries(webhookId) })}
          >
            {t('log.refresh')}
          </button>
          {canRedeliver && <RecoverSinceDialog webhookId={webhookId} />}
        </div>
      </header>
      <LogFilters eventTypes={eventTypes.data?.items ?? []} onApply={applyFilters} />
      <QueryStatus query={page} />
      {page.data && page.data.items.length === 0 && <EmptyState title={t('log.empty')} />}
      {page.data && page.data.items.length > 0 && (
        <DataTable
          className="log-table"
          columns={[
            t('log.column.id'),
            t('log.column.date'),
            t('log.column.event'),
            t('log.column.url'),
            t('log.column.response'),
          ]}
        >
          {page.data.items.map((delivery) => {
            const open = expanded === delivery.id;
            const panelId = `delivery-${delivery.id}`;
            return (
              <Fragment key={delivery.id}>
                <tr className={open ? 'expanded' : undefined}>
                  <th scope="row">
                    <button
                      type="button"
                      className="expander"
                      aria-expanded={open}
                      aria-controls={panelId}
                      aria-label={t(open ? 'log.collapse' : 'log.expand', { id: delivery.eventId })}
                      onClick={() => setExpanded(open ? null : delivery.id)}
                    >
                      <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                    </button>
                    <code>{delivery.eventId}</code>
                  </th>
                  <td>{formatDateTime(delivery.createdAt)}</td>
                  <td>{delivery.eventType}</td>
                  <td className="url-cell">{delivery.url}</td>
                  <td>
                    <StatusBadge
                      status={delivery.status}
                      responseStatus={delivery.lastResponseStatus}
                      heldReason={delivery.heldReason}
                    />
                  </td>
                </tr>
                {open && (
                  <tr id={panelId} className="details-row">
                    <td colSpan={5}>
                      <DeliveryDetails
                        deliveryId={delivery.id}
                        webhookId={webhookId}
                        canRedeliver={canRedeliver}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </DataTable>
      )}
      <nav className="pagination" aria-label={t('log.title')}>
        {cursors.length > 0 && (
          <button type="button" className="button" onClick={() => setCursors([])}>
            {t('log.first')}
          </button>
        )}
        {page.data?.nextCursor && (
          <button
            type="button"
            className="button"
            onClick={() => setCursors((current) => [...current, page.data.nextCursor ?? ''])}
          >
            {t('log.next')}
          </button>
        )}
      </nav>
    </section>
  );
}
