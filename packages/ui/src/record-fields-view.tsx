import { useState, type CSSProperties } from 'react';
import type { Field, FormDefinition, Locale } from '@tangram/schema';
import { formSections, formTabs, type LaidOutSection } from './form-layout';
import { FormTabs } from './form-tabs';
import { fieldLabel, formatValue, localText } from './format-value';
import type { FormLabels } from './labels';

export interface RecordFieldsViewProps {
  readonly form: FormDefinition;
  readonly data: Readonly<Record<string, unknown>>;
  readonly locale: Locale;
  readonly labels: FormLabels;
}

function SubtableValue({ field, rows, locale, labels }: { field: Field; rows: unknown; locale: Locale; labels: FormLabels }) {
  if (field.kind !== 'subtable' || !Array.isArray(rows) || rows.length === 0) return <span className="tg-empty">{labels.empty}</span>;
  return (
    <div className="tg-table-scroll">
      <table className="tg-mini-table">
        <thead>
          <tr>
            {field.fields.map((cell) => (
              <th key={cell.key} scope="col">
                {fieldLabel(cell, locale)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {field.fields.map((cell) => (
                <td key={cell.key}>{formatValue(cell, (row as Record<string, unknown>)?.[cell.key], { locale, yes: labels.yes, no: labels.no })}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SectionValues({ section, data, locale, labels }: Omit<RecordFieldsViewProps, 'form'> & { section: LaidOutSection }) {
  const title = localText(section.title, locale);
  return (
    <section className="tg-section" aria-label={title || undefined} style={{ '--tg-columns': section.columns } as CSSProperties}>
      {title ? <h2 className="tg-section__title">{title}</h2> : null}
      <dl className="tg-section__grid">
        {section.fields.map((field) => {
          const shown = formatValue(field, data[field.key], { locale, yes: labels.yes, no: labels.no });
          return (
            <div key={field.key} className={`tg-view-field${field.kind === 'subtable' || field.kind === 'textarea' ? ' tg-field--wide' : ''}`} data-field={field.key}>
              <dt className="tg-view-field__label">{fieldLabel(field, locale)}</dt>
              <dd className="tg-view-field__value">
                {field.kind === 'subtable' ? <SubtableValue field={field} rows={data[field.key]} locale={locale} labels={labels} /> : shown ? shown : <span className="tg-empty">{labels.empty}</span>}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/** A stored record read-only, by the form's sections (and tabs, when it has them): label above value, as a description list. */
export function RecordFieldsView({ form, ...rest }: RecordFieldsViewProps) {
  const tabs = formTabs(form);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const sectionsOf = (list: readonly LaidOutSection[]) => list.map((section) => <SectionValues key={section.id} section={section} {...rest} />);
  if (tabs.length < 2) return <div className="tg-form tg-form--view">{sectionsOf(tabs[0]?.sections ?? formSections(form))}</div>;
  const selected = tabs.find((tab) => tab.id === chosen) ?? tabs[0]!;
  return (
    <div className="tg-form tg-form--view">
      <FormTabs
        tabs={tabs.map((tab) => ({ id: tab.id, title: localText(tab.title, rest.locale), errors: 0 }))}
        selected={selected.id}
        onSelect={setChosen}
        label={rest.labels.tabs}
        errorsLabel={rest.labels.tabErrors}
        panel={(id) => <div className="tg-form">{sectionsOf(tabs.find((t) => t.id === id)!.sections)}</div>}
      />
    </div>
  );
}
