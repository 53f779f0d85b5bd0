import { useState, type CSSProperties } from 'react';
import type { FormDefinition, Locale } from '@tangram/schema';
import type { Draft } from './draft';
import { FieldControl } from './field-control';
import type { FieldState } from './field-states';
import { countErrorsByTab, formSections, formTabs, type LaidOutSection, type LaidOutTab } from './form-layout';
import { FormTabs } from './form-tabs';
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
  /**
   * Bumped by the caller each time it shows the problems (a refused submit): the first tab holding a
   * problem is selected, so the first invalid input is on screen to be focused. Above 0 at the first
   * draw, the problems passed in are revealed at once.
   */
  readonly revealErrors?: number;
}

type SectionProps = Omit<FormRendererProps, 'form' | 'revealErrors'> & { readonly section: LaidOutSection };

function SectionInputs({ section, draft, states, errors, locale, labels, onChange }: SectionProps) {
  const fields = section.fields.filter((field) => states[field.key]?.visible !== false);
  if (fields.length === 0) return null;
  const title = localText(section.title, locale);
  return (
    <section className="tg-section" aria-label={title || undefined} style={{ '--tg-columns': section.columns } as CSSProperties}>
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
}

/** A tab whose every field is hidden by its conditions has nothing to show, so it is not offered. */
const hasVisibleField = (tab: LaidOutTab, states: FormRendererProps['states']) => tab.sections.some((s) => s.fields.some((f) => states[f.key]?.visible !== false));

/**
 * A published form as inputs, section by section, and tab by tab when the form has tabs. Columns apply
 * from 600 px up; a phone always gets one column. The caller owns the draft and decides when to check
 * and send it.
 */
export function FormRenderer({ form, revealErrors = 0, ...rest }: FormRendererProps) {
  const { states, errors, locale, labels } = rest;
  const tabs = formTabs(form).filter((tab) => hasVisibleField(tab, states));
  const counts = countErrorsByTab(tabs, errors);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [revealed, setRevealed] = useState(0);
  if (revealed !== revealErrors) {
    // Adjusted while rendering (not in an effect) so the tab is on screen before the caller focuses the first error.
    setRevealed(revealErrors);
    const first = tabs.find((tab) => (counts[tab.id] ?? 0) > 0);
    if (first) setChosen(first.id);
  }
  const sectionsOf = (list: readonly LaidOutSection[]) => list.map((section) => <SectionInputs key={section.id} section={section} {...rest} />);

  if (tabs.length < 2) return <div className="tg-form">{sectionsOf(tabs[0]?.sections ?? formSections(form))}</div>;
  const selected = tabs.find((tab) => tab.id === chosen) ?? tabs[0]!;
  return (
    <div className="tg-form">
      <FormTabs
        tabs={tabs.map((tab) => ({ id: tab.id, title: localText(tab.title, locale), errors: counts[tab.id] ?? 0 }))}
        selected={selected.id}
        onSelect={setChosen}
        label={labels.tabs}
        errorsLabel={labels.tabErrors}
        panel={(id) => {
          const tab = tabs.find((t) => t.id === id)!;
          const next = tabs[tabs.indexOf(tab) + 1];
          return (
            <div className="tg-form">
              {sectionsOf(tab.sections)}
              {next ? (
                <button type="button" className="button button--secondary tg-tabs__next" onClick={() => setChosen(next.id)}>
                  {labels.nextTab.replace('{title}', localText(next.title, locale))}
                </button>
              ) : null}
            </div>
          );
        }}
      />
    </div>
  );
}
