import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale, LocalizedText } from '@tangram/schema';
import { translate, type MessageKey, type MessageParams } from './dictionaries';
import { loadLocale, saveLocale } from './locale-preference';

export interface I18n {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  /** Picks the current language out of a definition's text, falling back to the other one. */
  readonly text: (value: LocalizedText | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, onLocaleChange }: { children: ReactNode; onLocaleChange?: (locale: Locale) => void }) {
  const [locale, setLocaleState] = useState<Locale>(loadLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
    onLocaleChange?.(locale);
  }, [locale, onLocaleChange]);

  const setLocale = useCallback((next: Locale) => {
    saveLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      text: (value) => value?.[locale] ?? value?.[locale === 'en' ? 'zh-CN' : 'en'] ?? '',
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() is used outside <I18nProvider>');
  return i18n;
}
