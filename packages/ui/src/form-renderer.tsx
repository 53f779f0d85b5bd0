import type { CSSProperties } from 'react';
import type { FormDefinition, Locale } from '@tangram/schema';
import type { Draft } from './draft';
import { FieldControl } from './field-control';
import type { FieldState } from './field-states';
import { formSections } from './form-layout';
import { localText } from './format-value';
import type { FormLabels } from './labels';

export interface FormRendererProps {
  readonly form: FormDefinition;
  readonly draft: Draft;
  /** From `fieldStates`: hidden fields are not drawn, read-only ones cannot be typed in. */
  readonly states: Readonly<Record<string, FieldState>>;
  /** Messages by path under `/data`. */
  readonly errors: Readonly<Record<string, string>>;
  readonly locale: Locale;
  readonly labels: FormLabels;
  readonly onChange: (key: string, value: unknown) => void;
}

/**
 * A published form as inputs, section by section. Columns apply from 600 px up; a phone always gets
 * one column. The caller owns the draft and decides when to check and send it.
 */
export function FormRenderer({ form, draft, states, errors, locale, labels, onChange }: FormRendererProps) {
  return (
    <div className="tg-form">
      {formSections(form).map((section) => {
        const fields = section.fields.filter((field) => states[field.key]?.visible !== false);
        if (fields.length === 0) return null;
        const title = localText(section.title, locale);
        return (
          <section key={section.id} className="tg-section" aria-label={title || undefined} style={{ '--tg-columns': section.columns } as CSSProperties}>
            {title ? <h2 className="tg-section__title">{title}</h2> : null}
            <div className="tg-section__grid">
              {fields.map((field) => (
                <FieldControl
                  key={field.key}
                  field={field}
                  value={draft[field.key]}
                  readOnly={states[field.key]?.readOnly ?? false}
                  locale={locale}
                  labels={labels}
                  errors={errors}
                  path={field.key}
                  onChange={(value) => onChange(field.key, value)}
                />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
