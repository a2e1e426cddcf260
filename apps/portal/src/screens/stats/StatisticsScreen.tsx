import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../app/api-context';
import { EmptyState } from '../../components/EmptyState';
import { QueryStatus } from '../../components/QueryStatus';
import { ScreenFrame } from '../../components/ScreenFrame';
import { queryKeys } from '../../api/queries';
import type { Stats } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { TrendChart } from './TrendChart';

type Range = '24h' | '30d';

/** Loaded on demand: the chart library stays out of the first download. */
export default function StatisticsScreen({ initialWebhookId }: { initialWebhookId: string }) {
  const { t } = useI18n();
  const api = useApi();
  const [webhookId, setWebhookId] = useState(initialWebhookId);
  const [range, setRange] = useState<Range>('24h');
  const webhooks = useQuery({ queryKey: [...queryKeys.webhooks, 'all'], queryFn: () => api.listWebhooks() });
  const stats = useQuery({
    queryKey: queryKeys.stats(webhookId || null, range),
    queryFn: () =>
      api.getStats({ webhookId: webhookId || undefined, bucket: range === '24h' ? 'hour' : 'day' }),
    refetchInterval: 30_000,
  });
  return (
    <ScreenFrame titleId="stats-title" title={t('stats.title')}>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('stats.scope')}
          <select value={webhookId} onChange={(event) => setWebhookId(event.target.value)}>
            <option value="">{t('stats.allWebhooks')}</option>
            {webhooks.data?.items.map((webhook) => (
              <option key={webhook.id} value={webhook.id}>
                {webhook.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('stats.range')}
          <select value={range} onChange={(event) => setRange(event.target.value as Range)}>
            <option value="24h">{t('stats.range.24h')}</option>
            <option value="30d">{t('stats.range.30d')}</option>
          </select>
        </label>
      </form>
      <QueryStatus query={stats} />
      {stats.data && stats.data.total.attempts === 0 && <EmptyState title={t('stats.none')} />}
      {stats.data && stats.data.total.attempts > 0 && (
        <StatsCharts stats={stats.data} hourly={range === '24h'} />
      )}
    </ScreenFrame>
  );
}

function StatsCharts({ stats, hourly }: { stats: Stats; hourly: boolean }) {
  const { t, locale } = useI18n();
  const format = new Intl.DateTimeFormat(
    locale,
    hourly ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric' },
  );
  const rows = stats.byBucket.map((bucket) => ({
    at: format.format(new Date(bucket.bucketStart)),
    successRate: bucket.successRate === null ? null : Math.round(bucket.successRate * 1000) / 10,
    p50: bucket.latencyMs.p50,
    p95: bucket.latencyMs.p95,
    p99: bucket.latencyMs.p99,
  }));
  const rate =
    stats.total.successRate === null ? t('stats.noValue') : `${(stats.total.successRate * 100).toFixed(1)}%`;
  return (
    <>
      <p className="summary">
        {t('stats.summary', {
          rate,
          p95: stats.total.latencyMs.p95 ?? t('stats.noValue'),
          attempts: stats.total.attempts,
        })}
      </p>
      <div className="charts">
        <TrendChart
          title={`${t('stats.successRate')} (%)`}
          label={t('stats.successRate')}
          rows={rows}
          domain={[0, 100]}
          lines={[{ dataKey: 'successRate', name: t('stats.successRate'), stroke: 'var(--accent)' }]}
        />
        <TrendChart
          title={t('stats.latency')}
          label={t('stats.latency')}
          rows={rows}
          legend
          lines={[
            { dataKey: 'p50', name: t('stats.p50'), stroke: '#2f855a' },
            { dataKey: 'p95', name: t('stats.p95'), stroke: '#b7791f' },
            { dataKey: 'p99', name: t('stats.p99'), stroke: '#c53030' },
          ]}
        />
      </div>
    </>
  );
}
