import type { DefinitionVersion, FormDefinition, Locale, PublishImpact } from '@tangram/schema';
import { createApiClient } from '../api/client';

const seg = encodeURIComponent;

/** The form definition routes the designer uses; every failure is an ApiError (422s list problems by path). */
export function createDesignerApi(locale: () => Locale, app: string) {
  const api = createApiClient({ locale });
  const base = (form: string) => `/api/apps/${seg(app)}/forms/${seg(form)}`;
  return Object.freeze({
    draft: (form: string) => api.get<DefinitionVersion<FormDefinition>>(base(form)),
    create: (body: FormDefinition) => api.post<DefinitionVersion<FormDefinition>>(`/api/apps/${seg(app)}/forms`, body),
    save: (body: FormDefinition) => api.request<DefinitionVersion<FormDefinition>>('PUT', base(body.key), body),
    preview: (form: string) => api.post<PublishImpact>(`${base(form)}/publish/preview`, {}),
    publish: (form: string, note: string) => api.post<DefinitionVersion<FormDefinition>>(`${base(form)}/publish`, note ? { note } : {}),
  });
}

export type DesignerApi = ReturnType<typeof createDesignerApi>;
