import { useEffect, useState, type ReactNode } from 'react';
import type { Field, FormDefinition, JsonLogic, Locale, LocalizedText, Problem } from '@tangram/schema';
import { LogicBuilder, localText } from '@tangram/ui';
import { describeProblem } from '../api/describe-error';
import type { I18n } from '../i18n/i18n-provider';
import { kindLabel, logicLabels } from './designer-labels';
import { KIND_OPTIONS, UNIQUE_KINDS, type OptionSpec } from './kind-options';
import { OptionsEditor } from './options-editor';
import { CheckProperty, ChoiceProperty, TextProperty } from './property-inputs';

export interface FieldPropertiesProps {
  readonly field: Field;
  readonly form: FormDefinition;
  readonly problems: readonly { readonly property: string; readonly problem: Problem }[];
  /** `merge` tags edits of one property so undo takes them back as one step. */
  readonly onChange: (field: Field, merge: string) => void;
  readonly t: I18n['t'];
  readonly locale: Locale;
}

type Loose = Record<string, unknown>;

/** A LocalizedText with one language replaced; empty languages are left out. */
export function withText(text: LocalizedText | undefined, locale: Locale, value: string): LocalizedText {
  const next: Record<string, string> = { ...(text ?? {}) };
  if (value === '') delete next[locale];
  else next[locale] = value;
  return next as LocalizedText;
}

/** The property panel of one field: every common option, the kind's own options and its conditions. */
export function FieldProperties({ field, form, problems, onChange, t, locale }: FieldPropertiesProps) {
  const about = (...properties: string[]) => problems.filter((p) => properties.includes(p.property)).map((p) => describeProblem(p.problem, locale));
  const loose = field as unknown as Loose;
  const set = (prop: string, value: unknown) => {
    const next: Loose = { ...loose };
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[prop];
    else next[prop] = value;
    onChange(next as unknown as Field, `${field.id}:${prop}`);
  };
  const others = form.fields.filter((f) => f.key !== field.key);
  const labels = logicLabels(t);

  return (
    <div className="dz-props" data-props-for={field.key}>
      <p className="dz-props__kind">{t('designer.props.kind', { kind: kindLabel(t, field.kind) })}</p>
      {about('').length > 0 ? <p className="field__error" role="alert">{about('').join(' ')}</p> : null}
      <TextProperty label={t('designer.props.labelZh')} value={field.label['zh-CN'] ?? ''} onChange={(v) => set('label', withText(field.label, 'zh-CN', v))} problems={about('label')} />
      <TextProperty label={t('designer.props.labelEn')} value={field.label.en ?? ''} onChange={(v) => set('label', withText(field.label, 'en', v))} />
      <KeyProperty field={field} form={form} onChange={onChange} problems={about('key')} t={t} />
      <TextProperty label={t('designer.props.helpZh')} value={field.help?.['zh-CN'] ?? ''} onChange={(v) => set('help', nonEmpty(withText(field.help, 'zh-CN', v)))} problems={about('help')} />
      <TextProperty label={t('designer.props.helpEn')} value={field.help?.en ?? ''} onChange={(v) => set('help', nonEmpty(withText(field.help, 'en', v)))} />
      <CheckProperty label={t('designer.props.required')} checked={field.required === true} onChange={(v) => set('required', v || undefined)} problems={about('required')} />
      {UNIQUE_KINDS.has(field.kind) ? <CheckProperty label={t('designer.props.unique')} checked={field.unique === true} onChange={(v) => set('unique', v || undefined)} problems={about('unique')} /> : null}
      <DefaultValue field={field} set={set} problems={about('default')} t={t} locale={locale} />
      {(KIND_OPTIONS[field.kind] as readonly OptionSpec[]).map((spec) => (
        <KindOption key={spec.prop} spec={spec} value={loose[spec.prop]} set={set} problems={about(spec.prop)} t={t} />
      ))}
      {field.kind === 'select' || field.kind === 'multiselect' ? (
        <OptionsEditor field={field} onChange={(options) => set('options', options)} problems={problems.filter((p) => p.property === 'options').map((p) => p.problem)} t={t} locale={locale} />
      ) : null}
      {field.kind === 'formula' ? <FormulaSum field={field} form={form} set={set} t={t} locale={locale} /> : null}
      {field.kind === 'subtable' ? (
        <p className="dz-props__note">{t('designer.props.subtableFields', { fields: field.fields.map((f) => localText(f.label, locale) || f.key).join(locale === 'zh-CN' ? '、' : ', ') })}</p>
      ) : null}
      <ConditionProperty label={t('designer.props.visibleIf')} hint={t('designer.props.conditionHint')} problems={about('visibleIf')}>
        <LogicBuilder label={t('designer.props.visibleIf')} fields={others} value={field.visibleIf} onChange={(v: JsonLogic | undefined) => set('visibleIf', v)} locale={locale} labels={labels} />
      </ConditionProperty>
      <ConditionProperty label={t('designer.props.readOnlyIf')} problems={about('readOnlyIf')}>
        <LogicBuilder label={t('designer.props.readOnlyIf')} fields={others} value={field.readOnlyIf} onChange={(v: JsonLogic | undefined) => set('readOnlyIf', v)} locale={locale} labels={labels} />
      </ConditionProperty>
    </div>
  );
}

/** A condition builder under a heading; the builder names itself for assistive technology. */
export function ConditionProperty({ label, hint, problems, children }: { label: string; hint?: string; problems: readonly string[]; children: ReactNode }) {
  return (
    <div className={`dz-prop dz-prop--logic${problems.length > 0 ? ' field--invalid' : ''}`}>
      <span className="dz-prop__label" aria-hidden="true">{label}</span>
      {hint ? <p className="dz-prop__hint">{hint}</p> : null}
      {children}
      {problems.length > 0 ? <p className="field__error" role="alert">{problems.join(' ')}</p> : null}
    </div>
  );
}

/**
 * The key, renamed as it is typed. A key another field already has stays in the box with a message and
 * is not applied: two fields with one key could no longer be told apart in the layout and the conditions.
 */
function KeyProperty({ field, form, onChange, problems, t }: { field: Field; form: FormDefinition; onChange: (field: Field, merge: string) => void; problems: readonly string[]; t: I18n['t'] }) {
  const [typed, setTyped] = useState(field.key);
  // Undo or redo changed the key: show the key the field has now.
  useEffect(() => setTyped(field.key), [field.key]);
  const taken = typed !== field.key && form.fields.some((f) => f.id !== field.id && f.key === typed);
  return (
    <TextProperty
      label={t('designer.props.key')}
      value={typed}
      onChange={(v) => {
        setTyped(v);
        if (!form.fields.some((f) => f.id !== field.id && f.key === v)) onChange({ ...field, key: v } as Field, `${field.id}:key`);
      }}
      problems={taken ? [t('designer.props.keyTaken', { key: typed })] : problems}
      hint={t('designer.props.keyHint')}
    />
  );
}

function nonEmpty(text: LocalizedText): LocalizedText | undefined {
  return Object.keys(text).length === 0 ? undefined : text;
}

function KindOption({ spec, value, set, problems, t }: { spec: OptionSpec; value: unknown; set: (prop: string, value: unknown) => void; problems: readonly string[]; t: I18n['t'] }) {
  const label = t(spec.label);
  switch (spec.input) {
    case 'boolean':
      return <CheckProperty label={label} checked={value === true} onChange={(v) => set(spec.prop, v || undefined)} problems={problems} />;
    case 'choice':
      return (
        <ChoiceProperty
          label={label}
          value={value === undefined ? '' : String(value)}
          choices={[...(spec.optional ? [{ value: '', label: t('designer.opt.unset') }] : []), ...spec.choices.map((c) => ({ value: String(c.value), label: t(c.label) }))]}
          onChange={(v) => set(spec.prop, v === '' ? undefined : typeof spec.choices[0]?.value === 'number' ? Number(v) : v)}
          problems={problems}
        />
      );
    case 'list':
      return <TextProperty label={label} value={Array.isArray(value) ? value.join(', ') : ''} onChange={(v) => set(spec.prop, v.split(',').map((s) => s.trim()).filter(Boolean))} problems={problems} />;
    case 'integer':
    case 'number':
      return (
        <TextProperty
          label={label}
          type="number"
          value={typeof value === 'number' ? String(value) : ''}
          onChange={(v) => set(spec.prop, v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v))}
          problems={problems}
        />
      );
    default:
      return <TextProperty label={label} type={spec.input === 'date' ? 'date' : 'text'} value={typeof value === 'string' ? value : ''} onChange={(v) => set(spec.prop, v)} problems={problems} />;
  }
}

/** A static default for the kinds a default can be typed for; computed defaults are not offered here. */
function DefaultValue({ field, set, problems, t, locale }: { field: Field; set: (prop: string, value: unknown) => void; problems: readonly string[]; t: I18n['t']; locale: Locale }) {
  const label = t('designer.props.default');
  const current = field.default;
  if (current !== null && typeof current === 'object' && !Array.isArray(current)) return null;
  switch (field.kind) {
    case 'text': case 'textarea': case 'phone': case 'email': case 'url': case 'money':
      return <TextProperty label={label} value={typeof current === 'string' ? current : ''} onChange={(v) => set('default', v)} problems={problems} />;
    case 'date':
      return <TextProperty label={label} type="date" value={typeof current === 'string' ? current : ''} onChange={(v) => set('default', v)} problems={problems} />;
    case 'number': case 'percent': case 'rating':
      return <TextProperty label={label} type="number" value={typeof current === 'number' ? String(current) : ''} onChange={(v) => set('default', v === '' ? undefined : Number(v))} problems={problems} />;
    case 'select':
      return (
        <ChoiceProperty
          label={label}
          value={typeof current === 'string' ? current : ''}
          choices={[{ value: '', label: t('designer.opt.unset') }, ...field.options.map((o) => ({ value: o.value, label: localText(o.label, locale) || o.value }))]}
          onChange={(v) => set('default', v)}
          problems={problems}
        />
      );
    case 'checkbox': case 'yesno':
      return (
        <ChoiceProperty
          label={label}
          value={current === true ? 'true' : current === false ? 'false' : ''}
          choices={[{ value: '', label: t('designer.opt.unset') }, { value: 'true', label: t('workspace.field.yes') }, { value: 'false', label: t('workspace.field.no') }]}
          onChange={(v) => set('default', v === '' ? undefined : v === 'true')}
          problems={problems}
        />
      );
    default:
      return null;
  }
}

const NUMERIC = new Set(['number', 'percent', 'money', 'rating']);

/** A formula as the sum of number fields, ticked in a list; other formulas are shown, not rewritten. */
function FormulaSum({ field, form, set, t, locale }: { field: Extract<Field, { kind: 'formula' }>; form: FormDefinition; set: (prop: string, value: unknown) => void; t: I18n['t']; locale: Locale }) {
  const expr = field.expr as { '+'?: unknown } | null;
  const args = expr && typeof expr === 'object' && Array.isArray(expr['+']) ? expr['+'] : null;
  const keys = args?.flatMap((a) => (a && typeof a === 'object' && typeof (a as { var?: unknown }).var === 'string' ? [(a as { var: string }).var] : [])) ?? null;
  const isSum = args !== null && keys !== null && args.every((a) => a === 0 || (a && typeof a === 'object'));
  if (!isSum) return <p className="dz-props__note">{t('designer.props.formulaCustom')}</p>;
  const candidates = form.fields.filter((f) => NUMERIC.has(f.kind));
  const toggle = (key: string, on: boolean) => {
    const next = on ? [...keys, key] : keys.filter((k) => k !== key);
    set('expr', { '+': next.length === 0 ? [0] : next.map((k) => ({ var: k })) });
  };
  return (
    <fieldset className="dz-prop dz-fieldset">
      <legend className="dz-prop__label">{t('designer.props.formulaSum')}</legend>
      {candidates.map((f) => (
        <CheckProperty key={f.key} label={localText(f.label, locale) || f.key} checked={keys.includes(f.key)} onChange={(on) => toggle(f.key, on)} />
      ))}
    </fieldset>
  );
}
