import { useQuery } from '@tanstack/react-query';
import { Accordion } from 'radix-ui';
import { useApi } from '../../app/api-context';
import { AccordionSection } from '../../components/AccordionSection';
import { JsonBlock } from '../../components/JsonBlock';
import { QueryStatus } from '../../components/QueryStatus';
import { ScreenFrame } from '../../components/ScreenFrame';
import { queryKeys } from '../../api/queries';
import type { EventType } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { groupByResource } from '../webhooks/event-selection';
import { DeliveryDefaults } from './DeliveryDefaults';

export function EventCatalog() {
  const { t } = useI18n();
  const api = useApi();
  const query = useQuery({
    queryKey: queryKeys.eventTypes,
    queryFn: () => api.listEventTypes(),
    staleTime: 300_000,
  });
  return (
    <ScreenFrame titleId="catalog-title" title={t('catalog.title')}>
      <p>{t('catalog.intro')}</p>
      <QueryStatus query={query} />
      {query.data &&
        groupByResource(query.data.items).map((group) => (
          <section key={group.resource} className="panel" aria-labelledby={`resource-${group.resource}`}>
            <h3 id={`resource-${group.resource}`}>{group.resource}</h3>
            <Accordion.Root type="multiple" className="catalog-list">
              {group.types.map((eventType) => (
                <CatalogEntry key={eventType.type} eventType={eventType} />
              ))}
            </Accordion.Root>
          </section>
        ))}
    </ScreenFrame>
  );
}

function CatalogEntry({ eventType }: { eventType: EventType }) {
  const { t } = useI18n();
  const api = useApi();
  const subscribed = useQuery({
    queryKey: queryKeys.subscribed(eventType.type),
    queryFn: () => api.isSubscribed(eventType.type),
    staleTime: 30_000,
  });
  return (
    <AccordionSection
      value={eventType.type}
      heading="h4"
      summary={
        <>
          <code>{eventType.type}</code>
          <span>{eventType.description}</span>
          {eventType.origin === 'platform' && <span className="badge">{t('catalog.platform')}</span>}
          {subscribed.data && (
            <span className={`badge ${subscribed.data.active ? 'outcome-ok' : ''}`}>
              {subscribed.data.active ? t('catalog.received') : t('catalog.notReceived')}
            </span>
          )}
        </>
      }
    >
      <DeliveryDefaults eventType={eventType} />
      <div className="two-columns">
        <JsonBlock value={eventType.schema} label={t('catalog.schema')} />
        <JsonBlock value={eventType.example} label={t('catalog.example')} />
      </div>
    </AccordionSection>
  );
}
