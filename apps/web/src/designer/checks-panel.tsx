import { useState } from 'react';
import type { FormCheck, FormDefinition, JsonLogic, Locale, Problem } from '@tangram/schema';
import { LogicBuilder, localText } from '@tangram/ui';
import { describeProblem } from '../api/describe-error';
import type { I18n } from '../i18n/i18n-provider';
import { ConfirmDialog } from './confirm-dialog';
import { logicLabels } from './designer-labels';
import { ConditionProperty, withText } from './field-properties';
import { CheckProperty, ChoiceProperty, TextProperty } from './property-inputs';

export interface ChecksPanelProps {
  readonly form: FormDefinition;
  readonly problems: ReadonlyMap<string, readonly Problem[]>;
  readonly onAdd: () => void;
  readonly onChange: (check: FormCheck, merge: string) => void;
  readonly onRemove: (id: string) => void;
  readonly t: I18n['t'];
  readonly locale: Locale;
}

/** Cross-field checks: when a condition holds, block the save or warn and ask for a confirmation. */
export function ChecksPanel({ form, problems, onAdd, onChange, onRemove, t, locale }: ChecksPanelProps) {
  const [removing, setRemoving] = useState<string | null>(null);
  const checks = form.checks ?? [];
  const labels = logicLabels(t);
  return (
    <section className="dz-checks" aria-labelledby="dz-checks-title">
      <h2 className="dz-panel__title" id="dz-checks-title">{t('designer.checks')}</h2>
      <p className="dz-prop__hint">{t('designer.checks.hint')}</p>
      {checks.length === 0 ? <p className="dz-props__note">{t('designer.checks.none')}</p> : null}
      <ol className="dz-checks__list">
        {checks.map((check, index) => {
          const about = (property: string) => (problems.get(check.id) ?? []).filter((p) => p.path.split('/')[3] === property).map((p) => describeProblem(p, locale));
          const set = (patch: Partial<FormCheck>, property: string) => onChange({ ...check, ...patch } as FormCheck, `${check.id}:${property}`);
          const attached = new Set(check.fields ?? []);
          return (
            <li key={check.id} className="dz-check" data-check={check.id} aria-label={t('designer.checks.title', { n: index + 1 })}>
              <div className="dz-check__head">
                <h3 className="dz-check__title">{t('designer.checks.title', { n: index + 1 })}</h3>
                <button type="button" className="button button--ghost button--small ws-danger" onClick={() => setRemoving(check.id)}>{t('designer.checks.remove')}</button>
              </div>
              <ChoiceProperty
                label={t('designer.checks.severity')}
                value={check.severity}
                choices={[{ value: 'block', label: t('designer.checks.block') }, { value: 'warn', label: t('designer.checks.warn') }]}
                onChange={(v) => set({ severity: v as FormCheck['severity'] }, 'severity')}
              />
              <ConditionProperty label={t('designer.checks.when')} problems={about('when')}>
                <LogicBuilder label={t('designer.checks.when')} fields={form.fields} value={check.when} onChange={(v: JsonLogic | undefined) => set({ when: v ?? { and: [] } }, 'when')} locale={locale} labels={labels} />
              </ConditionProperty>
              <TextProperty label={t('designer.checks.messageZh')} value={check.message['zh-CN'] ?? ''} onChange={(v) => set({ message: withText(check.message, 'zh-CN', v) }, 'message')} problems={about('message')} />
              <TextProperty label={t('designer.checks.messageEn')} value={check.message.en ?? ''} onChange={(v) => set({ message: withText(check.message, 'en', v) }, 'message')} />
              <fieldset className="dz-prop dz-fieldset">
                <legend className="dz-prop__label">{t('designer.checks.fields')}</legend>
                <div className="dz-check__fields">
                  {form.fields.map((f) => (
                    <CheckProperty
                      key={f.key}
                      label={localText(f.label, locale) || f.key}
                      checked={attached.has(f.key)}
                      onChange={(on) => {
                        const fields = on ? [...(check.fields ?? []), f.key] : (check.fields ?? []).filter((k) => k !== f.key);
                        const { fields: _old, ...rest } = check;
                        onChange(fields.length > 0 ? { ...rest, fields } : rest, `${check.id}:fields`);
                      }}
                    />
                  ))}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button--secondary button--small" onClick={onAdd}>{t('designer.checks.add')}</button>
      {removing ? (
        <ConfirmDialog
          title={t('designer.checks.removeConfirm')}
          confirmLabel={t('designer.confirm.delete')}
          cancelLabel={t('designer.confirm.cancel')}
          onConfirm={() => {
            onRemove(removing);
            setRemoving(null);
          }}
          onCancel={() => setRemoving(null)}
        />
      ) : null}
    </section>
  );
}
