import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { canReadSecret, canWrite } from '../../app/access';
import { useApi, usePortal } from '../../app/api-context';
import { hrefOf, navigate } from '../../app/router';
import { TagList } from '../../components/TagList';
import { MutationButton } from '../../components/MutationButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { JsonBlock } from '../../components/JsonBlock';
import { describeError } from '../../components/ErrorNotice';
import { QueryStatus } from '../../components/QueryStatus';
import { useNotify } from '../../components/Notices';
import { queryKeys } from '../../api/queries';
import type { Webhook } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { LogHistory } from '../log/LogHistory';
import { ActiveToggle } from './ActiveToggle';
import { BackfillPanel } from './BackfillPanel';
import { SigningSecretPanel } from './SigningSecretPanel';
import { TlsSummary } from './TlsSummary';

export function WebhookDetail({ webhookId }: { webhookId: string }) {
  const { t } = useI18n();
  const api = useApi();
  const query = useQuery({
    queryKey: queryKeys.webhook(webhookId),
    queryFn: () => api.getWebhook(webhookId),
  });
  return (
    <section aria-labelledby="detail-title">
      <p>
        <a href={hrefOf({ screen: 'webhooks' })}>← {t('detail.back')}</a>
      </p>
      <QueryStatus query={query} />
      {query.data && <WebhookDetailBody webhook={query.data} />}
    </section>
  );
}

function WebhookDetailBody({ webhook }: { webhook: Webhook }) {
  const { t } = useI18n();
  const api = useApi();
  const { access } = usePortal();
  const notify = useNotify();
  const client = useQueryClient();
  const writable = canWrite(access);
  const sendTest = useMutation({
    mutationFn: () => api.sendTestEvent(webhook.id),
    onSuccess: ({ eventId }) => {
      notify(t('detail.testSent', { id: eventId }));
      void client.invalidateQueries({ queryKey: queryKeys.deliveries(webhook.id) });
    },
    onError: (error) => notify(describeError(error, t)),
  });
  const remove = useMutation({
    mutationFn: () => api.deleteWebhook(webhook.id),
    onSuccess: async () => {
      notify(t('detail.deleted', { name: webhook.name }));
      await client.invalidateQueries({ queryKey: queryKeys.webhooks });
      navigate({ screen: 'webhooks' });
    },
    onError: (error) => notify(describeError(error, t)),
  });

  return (
    <>
      <header className="screen-header">
        <h2 id="detail-title">{webhook.name}</h2>
        <div className="actions">
          <a className="button" href={hrefOf({ screen: 'statistics', webhookId: webhook.id })}>
            {t('detail.statistics')}
          </a>
          {writable && (
            <>
              <a className="button" href={hrefOf({ screen: 'edit-webhook', id: webhook.id })}>
                {t('detail.edit')}
              </a>
              <MutationButton mutation={sendTest}>{t('detail.sendTest')}</MutationButton>
              <ConfirmDialog
                destructive
                triggerLabel={t('detail.delete')}
                triggerClassName="button danger"
                title={t('detail.deleteConfirmTitle', { name: webhook.name })}
                description={t('detail.deleteConfirmBody', { url: webhook.url })}
                confirmLabel={t('detail.deleteConfirm')}
                onConfirm={() => remove.mutate()}
              />
            </>
          )}
        </div>
      </header>
      <section className="panel" aria-labelledby="settings-title">
        <h3 id="settings-title">{t('detail.settings')}</h3>
        <dl className="settings">
          <dt>{t('detail.status')}</dt>
          <dd className="inline">
            <ActiveToggle webhook={webhook} disabled={!writable} />
            <span>{webhook.active ? t('detail.on') : t('detail.off')}</span>
            {webhook.disabledReason && (
              <span className="help">{t('webhooks.disabledBy', { reason: webhook.disabledReason })}</span>
            )}
          </dd>
          <dt>{t('form.url')}</dt>
          <dd className="url-cell">{webhook.url}</dd>
          <dt>{t('form.events')}</dt>
          <dd>
            <TagList items={webhook.events} />
          </dd>
          <dt>{t('form.filter')}</dt>
          <dd>
            {webhook.filter === null ? (
              t('detail.noFilter')
            ) : (
              <JsonBlock value={webhook.filter} label={t('form.filter')} />
            )}
          </dd>
          <dt>{t('form.auth')}</dt>
          <dd>
            {t(`form.auth.${webhook.auth.type}`)}
            {webhook.auth.type === 'oauth2' && (
              <>
                {' '}
                <code>{webhook.auth.clientId}</code> @ <code>{webhook.auth.tokenUrl}</code>
              </>
            )}
          </dd>
          <dt>{t('form.tls')}</dt>
          <dd>
            <TlsSummary tls={webhook.tls ?? null} />
          </dd>
          <dt>{t('form.retry')}</dt>
          <dd>{t(`form.retry.${webhook.retryPolicy?.preset ?? 'inherit'}`)}</dd>
          <dt>{t('form.timeout')}</dt>
          <dd>{webhook.timeoutSeconds}</dd>
        </dl>
      </section>
      {canReadSecret(access) ? (
        <SigningSecretPanel webhookId={webhook.id} canRotate={writable} />
      ) : (
        <p className="help">{t('secret.noAccess')}</p>
      )}
      <BackfillPanel webhookId={webhook.id} canWrite={writable} />
      <LogHistory webhookId={webhook.id} canRedeliver={writable} />
    </>
  );
}
