import { useMemo, useState } from 'react';
import type { FormDefinition, Locale } from '@tangram/schema';
import { fieldStates, FormRenderer, setDraftValue, type Draft } from '@tangram/ui';
import type { I18n } from '../i18n/i18n-provider';
import { formLabels } from '../workspace/form-labels';

/** Conditions in the preview read a fixed moment and no user: the preview shows layout and visibility, not data. */
const PREVIEW_CONTEXT = { now: '2026-01-01T00:00:00.000Z', user: { id: null, orgUnitIds: [] } } as const;

/**
 * The form as staff will see it, live while it is designed: at desktop width or inside a 390 px phone
 * frame. What is typed here stays here (nothing is sent), but visibility conditions react to it.
 */
export function PreviewPane({ form, device, t, locale }: { form: FormDefinition; device: 'desktop' | 'phone'; t: I18n['t']; locale: Locale }) {
  const [draft, setDraft] = useState<Draft>({});
  const states = useMemo(() => fieldStates(form, draft, PREVIEW_CONTEXT), [form, draft]);
  const labels = useMemo(() => formLabels(t), [t]);
  return (
    <div className={`dz-preview dz-preview--${device}`} data-device={device}>
      <div className="dz-preview__frame">
        <h2 className="dz-preview__title">{form.name[locale] ?? form.name.en ?? form.name['zh-CN']}</h2>
        {form.fields.length === 0 ? (
          <p className="dz-props__note">{t('designer.preview.empty')}</p>
        ) : (
          <FormRenderer form={form} draft={draft} states={states} errors={{}} locale={locale} labels={labels} onChange={(key, value) => setDraft((d) => setDraftValue(d, [key], value))} />
        )}
      </div>
    </div>
  );
}
