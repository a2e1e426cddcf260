import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { EventType } from '../api/types';
import { I18nProvider, type Locale } from '../i18n/i18n';

/** Renders a component with what every screen has around it: strings and a fresh query cache. */
export function renderWithPortal(ui: ReactElement, locale: Locale = 'en'): RenderResult {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider locale={locale}>
      <QueryClientProvider client={client}>{ui}</QueryClientProvider>
    </I18nProvider>,
  );
}

export const eventType = (type: string, description: string): EventType => ({
  type,
  resource: type.slice(0, type.indexOf('.')),
  description,
  origin: 'product',
  schema: { type: 'object' },
  example: { id: 'x' },
  defaultRetryPolicy: { preset: 'standard' },
  defaultTtlSeconds: null,
  organizationDefaults: null,
});

export const CATALOG: EventType[] = [
  eventType('job.created', 'When the job is created'),
  eventType('job.updated', 'When the job is updated'),
  eventType('estimate.created', 'When the estimate is created'),
  {
    ...eventType('webhook.test', 'Sent when a webhook is switched on'),
    origin: 'platform',
    defaultRetryPolicy: { preset: 'none' },
  },
];
