import type { FormDefinition } from '@tangram/schema';
import { columnFields, fieldLabel } from '@tangram/ui';
import { useI18n } from '../i18n/i18n-provider';

/** A disclosure with one checkbox per field that fits a cell; the form's order is kept. */
export function ColumnChooser({ form, columns, onChange }: { form: FormDefinition; columns: readonly string[]; onChange: (columns: readonly string[]) => void }) {
  const { t, locale } = useI18n();
  const fields = columnFields(form);
  return (
    <details className="ws-columns">
      <summary className="button button--secondary">{t('workspace.list.columns')}</summary>
      <div className="ws-columns__menu">
        {fields.map((field) => (
          <label key={field.key} className="ws-columns__item">
            <input
              type="checkbox"
              checked={columns.includes(field.key)}
              onChange={(event) => {
                const on = new Set(columns);
                if (event.target.checked) on.add(field.key);
                else on.delete(field.key);
                onChange(fields.map((f) => f.key).filter((key) => on.has(key)));
              }}
            />
            <span>{fieldLabel(field, locale)}</span>
          </label>
        ))}
      </div>
    </details>
  );
}
