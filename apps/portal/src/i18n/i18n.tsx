import { useCallback, useMemo, type ReactNode } from 'react';
import { requiredContext } from '../app/required-context';
import { en, type MessageKey } from './messages.en';
import { ko } from './messages.ko';

export const LOCALES = { en, ko } as const;
export type Locale = keyof typeof LOCALES;

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  t: Translate;
  formatDateTime: (iso: string) => string;
}

const I18nContext = requiredContext<I18n>('useI18n', 'I18nProvider');

export function isLocale(value: string | null | undefined): value is Locale {
  return value === 'en' || value === 'ko';
}

/** The product's choice, else the browser's language when we have it, else English. */
export function pickLocale(requested: string | null | undefined, browser: readonly string[]): Locale {
  if (isLocale(requested)) {
    return requested;
  }
  const match = browser.map((tag) => tag.slice(0, 2).toLowerCase()).find(isLocale);
  return match ?? 'en';
}

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const t = useCallback<Translate>(
    (key, values) =>
      LOCALES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        values && name in values ? String(values[name]) : whole,
      ),
    [locale],
  );
  const value = useMemo<I18n>(() => {
    const dateTime = new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'medium',
    });
    return { locale, t, formatDateTime: (iso) => dateTime.format(new Date(iso)) };
  }, [locale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n: () => I18n = I18nContext.use;
