import { useInfiniteQuery } from '@tanstack/react-query';
import { canWrite } from '../../app/access';
import { useApi, usePortal } from '../../app/api-context';
import { hrefOf } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { QueryStatus } from '../../components/QueryStatus';
import { TagList } from '../../components/TagList';
import { ScreenFrame } from '../../components/ScreenFrame';
import { queryKeys } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { ActiveToggle } from './ActiveToggle';
import { LastDeliveryStatus } from './LastDeliveryStatus';

export function WebhookList() {
  const { t } = useI18n();
  const api = useApi();
  const { access } = usePortal();
  const query = useInfiniteQuery({
    queryKey: queryKeys.webhooks,
    queryFn: ({ pageParam }) => api.listWebhooks(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const webhooks = query.data?.pages.flatMap((page) => page.items) ?? [];
  const addButton = canWrite(access) && (
    <a className="button primary" href={hrefOf({ screen: 'new-webhook' })}>
      {t('webhooks.add')}
    </a>
  );

  return (
    <ScreenFrame titleId="webhooks-title" title={t('webhooks.title')} actions={addButton}>
      <QueryStatus query={query} />
      {query.isSuccess && webhooks.length === 0 && (
        <EmptyState title={t('webhooks.empty.title')}>
          <p>{t('webhooks.empty.body')}</p>
          {addButton}
        </EmptyState>
      )}
      {webhooks.length > 0 && (
        <>
          <p className="help">{t('webhooks.toggleHelp')}</p>
          <DataTable
            columns={[
              t('webhooks.column.name'),
              t('webhooks.column.url'),
              t('webhooks.column.events'),
              t('webhooks.column.active'),
              t('webhooks.column.lastStatus'),
              t('webhooks.column.actions'),
            ]}
          >
            {webhooks.map((webhook) => (
              <tr key={webhook.id}>
                <th scope="row">
                  <a href={hrefOf({ screen: 'webhook', id: webhook.id })}>{webhook.name}</a>
                  {webhook.disabledReason && (
                    <span className="help block">
                      {t('webhooks.disabledBy', { reason: webhook.disabledReason })}
                    </span>
                  )}
                </th>
                <td className="url-cell">{webhook.url}</td>
                <td>
                  <TagList items={webhook.events} />
                </td>
                <td>
                  <ActiveToggle webhook={webhook} disabled={!canWrite(access)} />
                </td>
                <td>
                  <LastDeliveryStatus webhookId={webhook.id} />
                </td>
                <td className="actions">
                  {canWrite(access) && (
                    <a
                      className="button small"
                      href={hrefOf({ screen: 'edit-webhook', id: webhook.id })}
                      aria-label={t('webhooks.edit', { name: webhook.name })}
                    >
                      <span aria-hidden="true">✎</span>
                    </a>
                  )}
                  <a
                    className="button small"
                    href={hrefOf({ screen: 'webhook', id: webhook.id })}
                    aria-label={t('webhooks.open', { name: webhook.name })}
                  >
                    <span aria-hidden="true">→</span>
                  </a>
                </td>
              </tr>
            ))}
          </DataTable>
          {query.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void query.fetchNextPage()}
              disabled={query.isFetchingNextPage}
            >
              {t('webhooks.more')}
            </button>
          )}
        </>
      )}
    </ScreenFrame>
  );
}
