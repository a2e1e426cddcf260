import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/api-error';
import { createApiClient } from '../api/client';
import { LoadingState } from '../components/LoadingState';
import { NoticeProvider } from '../components/Notices';
import { I18nProvider, pickLocale, type Locale } from '../i18n/i18n';
import { SessionEnded } from '../screens/access/SessionEnded';
import { SignIn } from '../screens/access/SignIn';
import { EventCatalog } from '../screens/catalog/EventCatalog';
import { WebhookDetail } from '../screens/webhooks/WebhookDetail';
import { WebhookFormScreen } from '../screens/webhooks/WebhookFormScreen';
import { WebhookList } from '../screens/webhooks/WebhookList';
import { apiKeyAccess, saveAccess, type Branding, type PortalAccess } from './access';
import { PortalProvider } from './api-context';
import { Layout } from './Layout';
import { useRoute, type Route } from './router';
import type { RuntimeConfig } from './runtime-config';

const StatisticsScreen = lazy(() => import('../screens/stats/StatisticsScreen'));

interface AppProps {
  config: RuntimeConfig;
  initialAccess: PortalAccess | null;
  branding: Branding;
}

export function App({ config, initialAccess, branding }: AppProps) {
  const [locale, setLocale] = useState<Locale>(() => pickLocale(branding.locale, navigator.languages));
  const [access, setAccess] = useState(initialAccess);
  const [ended, setEnded] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const queryClient = useMemo(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
          },
        },
      }),
    [],
  );

  const api = useMemo(() => {
    if (!access) {
      return null;
    }
    return createApiClient({
      subscriptionUrl: config.subscriptionUrl,
      auditUrl: config.auditUrl,
      token: access.token,
      onUnauthorized: (error) => {
        queryClient.clear();
        saveAccess(window, null);
        if (access.kind === 'session') {
          setEnded(error.message);
        } else {
          setRefusal(error.message);
          setAccess(null);
        }
      },
    });
  }, [access, config, queryClient]);

  // A session past its expiry shows nothing more, even before the server is asked again.
  useEffect(() => {
    if (access?.kind !== 'session' || !access.expiresAt) {
      return;
    }
    const remaining = access.expiresAt.getTime() - Date.now();
    const end = () => {
      queryClient.clear();
      setEnded(`portal session expired at ${access.expiresAt?.toISOString() ?? ''}`);
    };
    if (remaining <= 0) {
      end();
      return;
    }
    const timer = window.setTimeout(end, Math.min(remaining, 2_147_000_000));
    return () => window.clearTimeout(timer);
  }, [access, queryClient]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  let body;
  if (ended !== null) {
    body = <SessionEnded reason={ended} />;
  } else if (!access || !api) {
    body = (
      <SignIn
        refusal={refusal}
        onSignIn={(key) => {
          const next = apiKeyAccess(key);
          saveAccess(window, next);
          setRefusal(null);
          setAccess(next);
        }}
      />
    );
  } else {
    body = (
      <PortalProvider value={{ api, access }}>
        <Screens />
      </PortalProvider>
    );
  }

  return (
    <I18nProvider locale={locale}>
      <QueryClientProvider client={queryClient}>
        <NoticeProvider>
          <Layout
            branding={branding}
            locale={locale}
            onLocale={setLocale}
            access={ended === null ? access : null}
            onSignOut={() => {
              saveAccess(window, null);
              queryClient.clear();
              setAccess(null);
            }}
          >
            {body}
          </Layout>
        </NoticeProvider>
      </QueryClientProvider>
    </I18nProvider>
  );
}

function Screens() {
  const route = useRoute();
  return <Suspense fallback={<LoadingState />}>{screenOf(route)}</Suspense>;
}

function screenOf(route: Route) {
  switch (route.screen) {
    case 'webhooks':
      return <WebhookList />;
    case 'new-webhook':
      return <WebhookFormScreen webhookId={null} />;
    case 'edit-webhook':
      return <WebhookFormScreen key={route.id} webhookId={route.id} />;
    case 'webhook':
      return <WebhookDetail key={route.id} webhookId={route.id} />;
    case 'statistics':
      return <StatisticsScreen key={route.webhookId ?? ''} initialWebhookId={route.webhookId ?? ''} />;
    case 'catalog':
      return <EventCatalog />;
  }
}
