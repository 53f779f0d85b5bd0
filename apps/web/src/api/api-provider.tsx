import { createContext, useContext, useMemo, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-provider';
import { createApiClient } from './client';
import { createEndpoints, type Endpoints } from './endpoints';

const ApiContext = createContext<Endpoints | null>(null);

/** One client for the page; it reads the current language per call to send `Accept-Language`. */
export function ApiProvider({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const endpoints = useMemo(() => createEndpoints(createApiClient({ locale: () => localeRef.current })), []);
  return <ApiContext.Provider value={endpoints}>{children}</ApiContext.Provider>;
}

export function useApi(): Endpoints {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() is used outside <ApiProvider>');
  return api;
}
