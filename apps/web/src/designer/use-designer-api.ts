import { useMemo, useRef } from 'react';
import type { FormDefinition } from '@tangram/schema';
import { isApiError } from '../api/api-error';
import { createApiClient } from '../api/client';
import { useI18n } from '../i18n/i18n-provider';
import { createDesignerApi, type DesignerApi } from './designer-api';

export type LoadingDesignerApi = DesignerApi & { readonly load: (form: string) => Promise<FormDefinition> };

/** The designer's API for one app; it reads the language per call so a switch applies to the next request. */
export function useDesignerApi(appKey: string): LoadingDesignerApi {
  const { locale } = useI18n();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  return useMemo(() => {
    const api = createDesignerApi(() => localeRef.current, appKey);
    const client = createApiClient({ locale: () => localeRef.current });
    return Object.freeze({
      ...api,
      /** The draft; a form published without a draft since opens from its latest version. */
      load: async (form: string) => {
        try {
          return (await api.draft(form)).body;
        } catch (error) {
          if (!isApiError(error) || error.status !== 404) throw error;
          return (await client.get<{ body: FormDefinition }>(`/api/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(form)}/versions/latest`)).body;
        }
      },
    });
  }, [appKey]);
}
