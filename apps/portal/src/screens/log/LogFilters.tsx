import { useState, type FormEvent } from 'react';
import {
  DELIVERY_STATUSES,
  type DeliveryFilters,
  type DeliveryStatus,
  type EventType,
} from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/** `datetime-local` speaks local time without a zone; the API wants an instant. */
const toInstant = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

export function LogFilters({
  eventTypes,
  onApply,
}: {
  eventTypes: readonly EventType[];
  onApply: (filters: DeliveryFilters) => void;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [eventType, setEventType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      status: status || undefined,
      eventType: eventType || undefined,
      from: toInstant(from),
      to: toInstant(to),
    });
  };
  const reset = () => {
    setStatus('');
    setEventType('');
    setFrom('');
    setTo('');
    onApply({});
  };
  return (
    <form className="filters" onSubmit={apply} aria-label={t('log.filters')}>
      <label>
        {t('log.filter.status')}
        <select value={status} onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')}>
          <option value="">{t('log.filter.anyStatus')}</option>
          {DELIVERY_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('log.filter.eventType')}
        <select value={eventType} onChange={(e) => setEventType(e.target.value)}>
          <option value="">{t('log.filter.anyEvent')}</option>
          {eventTypes.map((type) => (
            <option key={type.type} value={type.type}>
              {type.type}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('log.filter.from')}
        <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        {t('log.filter.to')}
        <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <div className="filter-actions">
        <button type="submit" className="button">
          {t('log.filter.apply')}
        </button>
        <button type="button" className="button" onClick={reset}>
          {t('log.filter.reset')}
        </button>
      </div>
    </form>
  );
}
