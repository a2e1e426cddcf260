import type { EventType } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/** What a webhook without a schedule of its own gets for this type, and when its events expire. */
export function DeliveryDefaults({ eventType }: { eventType: EventType }) {
  const { t } = useI18n();
  const policy = eventType.defaultRetryPolicy;
  const own = eventType.organizationDefaults;
  return (
    <dl className="settings" aria-label={t('catalog.defaults')}>
      <dt>{t('catalog.defaultRetries')}</dt>
      <dd>
        {policy.preset === 'custom'
          ? t('catalog.customDelays', { delays: (policy.delaysSeconds ?? []).join(', ') })
          : t(`form.retry.${policy.preset}`)}
        {own?.retryPolicy && <span className="badge">{t('catalog.organizationSetting')}</span>}
      </dd>
      <dt>{t('catalog.ttl')}</dt>
      <dd>
        {eventType.defaultTtlSeconds === null
          ? t('catalog.noTtl')
          : t('catalog.ttlSeconds', { seconds: eventType.defaultTtlSeconds })}
        {own !== null && own.ttlSeconds !== null && (
          <span className="badge">{t('catalog.organizationSetting')}</span>
        )}
      </dd>
    </dl>
  );
}
