import type { Locale, Problem, SelectField, SelectOption } from '@tangram/schema';
import { describeProblem } from '../api/describe-error';
import type { I18n } from '../i18n/i18n-provider';
import { withText } from './field-properties';

/** A small palette so most admins never type a colour code; any #rrggbb the schema accepts still works. */
const COLOURS = ['#3a5bd9', '#1f9d55', '#d4382c', '#e6a23c', '#8e44ad', '#16a2b8', '#7c8598'];

/** Edits a choice field's options: value, both labels and a colour, added and removed in place. */
export function OptionsEditor({ field, onChange, problems, t, locale }: {
  field: SelectField; onChange: (options: readonly SelectOption[]) => void; problems: readonly Problem[]; t: I18n['t']; locale: Locale;
}) {
  const options = field.options;
  const setOption = (index: number, option: SelectOption) => onChange(options.map((o, i) => (i === index ? option : o)));
  const problemsOf = (index: number) => problems.filter((p) => p.path.split('/')[4] === String(index)).map((p) => describeProblem(p, locale));
  const general = problems.filter((p) => p.path.split('/').length <= 4).map((p) => describeProblem(p, locale));
  const nextValue = () => {
    let n = options.length + 1;
    while (options.some((o) => o.value === `option_${n}`)) n += 1;
    return `option_${n}`;
  };
  return (
    <fieldset className="dz-prop dz-fieldset dz-options">
      <legend className="dz-prop__label">{t('designer.props.options')}</legend>
      {general.length > 0 ? <p className="field__error" role="alert">{general.join(' ')}</p> : null}
      <ol className="dz-options__list">
        {options.map((option, index) => {
          const errors = problemsOf(index);
          return (
            <li key={index} className={`dz-option${errors.length > 0 ? ' field--invalid' : ''}`}>
              <input
                className="field__input field__input--small dz-option__value"
                aria-label={`${t('designer.props.option.value')} ${index + 1}`}
                value={option.value}
                onChange={(e) => setOption(index, { ...option, value: e.target.value })}
              />
              <input
                className="field__input field__input--small"
                aria-label={`${t('designer.props.option.labelZh')} ${index + 1}`}
                placeholder={t('designer.props.option.labelZh')}
                value={option.label['zh-CN'] ?? ''}
                onChange={(e) => setOption(index, { ...option, label: withText(option.label, 'zh-CN', e.target.value) })}
              />
              <input
                className="field__input field__input--small"
                aria-label={`${t('designer.props.option.labelEn')} ${index + 1}`}
                placeholder={t('designer.props.option.labelEn')}
                value={option.label.en ?? ''}
                onChange={(e) => setOption(index, { ...option, label: withText(option.label, 'en', e.target.value) })}
              />
              <select
                className="field__input field__input--small dz-option__colour"
                aria-label={`${t('designer.props.option.color')} ${index + 1}`}
                value={option.color ?? ''}
                style={option.color ? { borderLeft: `6px solid ${option.color}` } : undefined}
                onChange={(e) => {
                  const { color: _drop, ...rest } = option;
                  setOption(index, e.target.value ? { ...rest, color: e.target.value } : rest);
                }}
              >
                <option value="">{t('designer.props.option.noColor')}</option>
                {[...new Set([...COLOURS, ...(option.color ? [option.color] : [])])].map((c) => (
                  <option key={c} value={c} style={{ color: c }}>● {c}</option>
                ))}
              </select>
              <button
                type="button"
                className="button button--ghost button--small"
                aria-label={t('designer.props.option.remove', { value: option.value })}
                onClick={() => onChange(options.filter((_, i) => i !== index))}
              >
                ×
              </button>
              {errors.length > 0 ? <p className="field__error dz-option__error" role="alert">{errors.join(' ')}</p> : null}
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => {
          const value = nextValue();
          onChange([...options, { value, label: { 'zh-CN': value, en: value } }]);
        }}
      >
        {t('designer.props.option.add')}
      </button>
    </fieldset>
  );
}
