import type { CSSProperties, ReactNode } from 'react';
import { LOCALES, useI18n, type Locale } from '../i18n/i18n';
import type { Branding, PortalAccess } from './access';
import { canWrite } from './access';
import { hrefOf, useRoute } from './router';

interface LayoutProps {
  branding: Branding;
  locale: Locale;
  onLocale: (locale: Locale) => void;
  access: PortalAccess | null;
  onSignOut: () => void;
  children: ReactNode;
}

const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ko: '한국어' };

export function Layout({ branding, locale, onLocale, access, onSignOut, children }: LayoutProps) {
  const { t } = useI18n();
  const route = useRoute();
  const style = branding.color ? ({ '--accent': branding.color } as CSSProperties) : undefined;
  const section = route.screen === 'statistics' || route.screen === 'catalog' ? route.screen : 'webhooks';
  return (
    <div className="portal" style={style}>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="top-bar">
        <div className="brand">
          <h1>{branding.name ? `${branding.name} · ${t('app.title')}` : t('app.title')}</h1>
          {branding.name && <span className="help">{t('app.poweredBy')}</span>}
        </div>
        {access && (
          <nav aria-label={t('nav.label')}>
            <ul className="nav">
              {(['webhooks', 'statistics', 'catalog'] as const).map((screen) => (
                <li key={screen}>
                  <a href={hrefOf({ screen })} aria-current={section === screen ? 'page' : undefined}>
                    {t(`nav.${screen}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="top-actions">
          {access && !canWrite(access) && <span className="badge">{t('app.readOnly')}</span>}
          <label>
            <span className="visually-hidden">{t('app.language')}</span>
            <select
              value={locale}
              onChange={(event) => onLocale(event.target.value as Locale)}
              aria-label={t('app.language')}
            >
              {(Object.keys(LOCALES) as Locale[]).map((value) => (
                <option key={value} value={value}>
                  {LOCALE_NAMES[value]}
                </option>
              ))}
            </select>
          </label>
          {access?.kind === 'api-key' && (
            <button type="button" className="button small" onClick={onSignOut}>
              {t('app.signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
