import { useId, useState, type FormEvent } from 'react';
import type { FormDefinition } from '@tangram/schema';
import { fieldLabel, filterableFields, filterOperators, localText, operatorNeedsValue, type FilterCondition, type FilterOperator } from '@tangram/ui';
import { useI18n } from '../i18n/i18n-provider';

function emptyCondition(form: FormDefinition): FilterCondition {
  const field = filterableFields(form)[0];
  return { field: field?.key ?? '', operator: field ? (filterOperators(field)[0] as FilterOperator) : 'eq', value: '' };
}

/** Field + operator + value rows; "Apply" hands the complete ones to the list, which builds json-logic from them. */
export function FilterBar({ form, applied, onApply }: { form: FormDefinition; applied: readonly FilterCondition[]; onApply: (conditions: readonly FilterCondition[]) => void }) {
  const { t, locale } = useI18n();
  const id = useId();
  const fields = filterableFields(form);
  const [rows, setRows] = useState<readonly FilterCondition[]>(() => (applied.length > 0 ? applied : [emptyCondition(form)]));
  if (fields.length === 0) return null;

  const update = (index: number, change: Partial<FilterCondition>) =>
    setRows((current) =>
      current.map((row, i) => {
        if (i !== index) return row;
        const next = { ...row, ...change };
        const field = fields.find((f) => f.key === next.field);
        // A new field may not offer the old operator, and its old value means nothing to it.
        if (change.field !== undefined && field) return { field: next.field, operator: filterOperators(field)[0] as FilterOperator, value: '' };
        return next;
      }),
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(rows);
  };

  return (
    <form className="ws-filter" role="search" aria-label={t('workspace.filter.title')} onSubmit={submit}>
      {rows.map((row, index) => {
        const field = fields.find((f) => f.key === row.field) ?? fields[0]!;
        const operators = filterOperators(field);
        const options = field.kind === 'select' || field.kind === 'multiselect' ? field.options : undefined;
        const boolean = operators.length === 1 && operators[0] === 'eq' && !options;
        return (
          <div className="ws-filter__row" key={index}>
            <select className="field__input field__select" aria-label={t('workspace.filter.field')} id={`${id}-f${index}`} value={row.field} onChange={(e) => update(index, { field: e.target.value })}>
              {fields.map((f) => (
                <option key={f.key} value={f.key}>
                  {fieldLabel(f, locale)}
                </option>
              ))}
            </select>
            <select className="field__input field__select" aria-label={t('workspace.filter.operator')} value={row.operator} onChange={(e) => update(index, { operator: e.target.value as FilterOperator })}>
              {operators.map((op) => (
                <option key={op} value={op}>
                  {t(`workspace.op.${op}` as const)}
                </option>
              ))}
            </select>
            {!operatorNeedsValue(row.operator) ? (
              <span className="ws-filter__novalue" />
            ) : options ? (
              <select className="field__input field__select" aria-label={t('workspace.filter.value')} value={row.value} onChange={(e) => update(index, { value: e.target.value })}>
                <option value="">{t('workspace.field.choose')}</option>
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {localText(o.label, locale) || o.value}
                  </option>
                ))}
              </select>
            ) : boolean ? (
              <select className="field__input field__select" aria-label={t('workspace.filter.value')} value={row.value} onChange={(e) => update(index, { value: e.target.value })}>
                <option value="">{t('workspace.field.choose')}</option>
                <option value="true">{t('workspace.field.yes')}</option>
                <option value="false">{t('workspace.field.no')}</option>
              </select>
            ) : (
              <input className="field__input" aria-label={t('workspace.filter.value')} value={row.value} inputMode={operators.includes('contains') ? 'text' : 'decimal'} onChange={(e) => update(index, { value: e.target.value })} />
            )}
            {rows.length > 1 ? (
              <button type="button" className="icon-button ws-filter__remove" aria-label={t('workspace.filter.remove')} onClick={() => setRows((current) => current.filter((_, i) => i !== index))}>
                ×
              </button>
            ) : null}
          </div>
        );
      })}
      <div className="ws-filter__actions">
        <button type="button" className="button button--secondary" onClick={() => setRows((current) => [...current, emptyCondition(form)])}>
          + {t('workspace.filter.add')}
        </button>
        {applied.length > 0 ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setRows([emptyCondition(form)]);
              onApply([]);
            }}
          >
            {t('workspace.filter.clear')}
          </button>
        ) : null}
        <button type="submit" className="button button--primary">
          {t('workspace.filter.apply')}
        </button>
      </div>
    </form>
  );
}
