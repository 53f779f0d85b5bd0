import type { DefinitionVersion, FormDefinition, Locale, LocalizedText } from '@tangram/schema';
import { createApiClient } from '../api/client';

/** One change of `POST …/publish/preview` (docs/form-designer.md). */
export interface ChangeImpact {
  readonly kind: 'fieldAdded' | 'fieldRemoved' | 'keyRenamed' | 'kindChanged' | 'becameRequired' | 'optionRemoved';
  readonly field: string;
  readonly label?: LocalizedText;
  readonly affected: number;
  readonly samples: readonly { readonly id: string; readonly value?: unknown }[];
  /** Already in the caller's language. */
  readonly message: string;
}

export interface PublishImpact {
  readonly fromVersion: number | null;
  readonly total: number;
  readonly changes: readonly ChangeImpact[];
}

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
