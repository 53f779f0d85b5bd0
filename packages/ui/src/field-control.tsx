import { useId, type CSSProperties, type ReactNode } from 'react';
import type { Field, Locale } from '@tangram/schema';
import type { Draft } from './draft';
import { FileControl } from './file-control';
import { currencySymbol, fieldLabel, formatValue, localText } from './format-value';
import type { FormLabels } from './labels';

export interface FieldControlProps {
  readonly field: Field;
  readonly value: unknown;
  readonly readOnly: boolean;
  readonly locale: Locale;
  readonly labels: FormLabels;
  /** Messages by path under `/data` (`phone`, `items/0/qty`). */
  readonly errors: Readonly<Record<string, string>>;
  /** This field's path under `/data`. */
  readonly path: string;
  readonly onChange: (value: unknown) => void;
}

interface ControlProps extends FieldControlProps {
  readonly id: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

function Input({ type, inputMode, autoComplete, ...props }: ControlProps & { type: string; inputMode?: 'text' | 'decimal' | 'numeric' | 'tel' | 'email' | 'url'; autoComplete?: string }) {
  return (
    <input
      id={props.id}
      name={props.path}
      type={type}
      className="field__input"
      inputMode={inputMode}
      autoComplete={autoComplete ?? 'off'}
      value={str(props.value)}
      readOnly={props.readOnly}
      required={props.field.required}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}

/** `datetime` is stored with an offset; the input shows local wall time. */
function toLocalInput(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  if (!/[zZ]|[+-]\d\d:?\d\d$/.test(value)) return value.slice(0, 16);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function fromLocalInput(text: string): string {
  if (!text) return '';
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

function Choice({ props, multiple }: { props: ControlProps; multiple: boolean }) {
  const field = props.field;
  const options = field.kind === 'select' || field.kind === 'multiselect' ? field.options : [];
  const selected = multiple ? (Array.isArray(props.value) ? (props.value as string[]) : []) : [str(props.value)];
  const toggle = (value: string) => {
    if (!multiple) return props.onChange(selected[0] === value && !field.required ? '' : value);
    props.onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  };
  // Few options read best as tappable chips on a phone; many fit a native picker better.
  if (!multiple && options.length > 6) {
    return (
      <select id={props.id} name={props.path} className="field__input field__select" value={selected[0] ?? ''} disabled={props.readOnly} aria-invalid={props.invalid || undefined} aria-describedby={props.describedBy} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">{props.labels.choose}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {localText(option.label, props.locale) || option.value}
          </option>
        ))}
      </select>
    );
  }
  return (
    <div className="tg-choices" role={multiple ? 'group' : 'radiogroup'} aria-labelledby={`${props.id}-label`} aria-describedby={props.describedBy} aria-invalid={props.invalid || undefined}>
      {options.map((option) => {
        const on = selected.includes(option.value);
        return (
          <button
            key={option.value}
            type="button"
            role={multiple ? 'checkbox' : 'radio'}
            aria-checked={on}
            disabled={props.readOnly}
            className={`tg-chip${on ? ' tg-chip--on' : ''}`}
            style={option.color ? ({ '--chip-color': option.color } as CSSProperties) : undefined}
            onClick={() => toggle(option.value)}
          >
            {localText(option.label, props.locale) || option.value}
          </button>
        );
      })}
    </div>
  );
}

function YesNo(props: ControlProps) {
  const options = [
    { value: true, label: props.labels.yes },
    { value: false, label: props.labels.no },
  ];
  return (
    <div className="tg-choices" role="radiogroup" aria-labelledby={`${props.id}-label`} aria-describedby={props.describedBy}>
      {options.map((option) => (
        <button key={String(option.value)} type="button" role="radio" aria-checked={props.value === option.value} disabled={props.readOnly} className={`tg-chip${props.value === option.value ? ' tg-chip--on' : ''}`} onClick={() => props.onChange(props.value === option.value ? undefined : option.value)}>
          {option.label}
        </button>
      ))}
    </div>
  );
}

function Rating(props: ControlProps) {
  const max = props.field.kind === 'rating' ? props.field.max ?? 5 : 5;
  const current = Number(props.value) || 0;
  return (
    <div className="tg-rating" role="radiogroup" aria-labelledby={`${props.id}-label`} aria-describedby={props.describedBy}>
      {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
        <button key={n} type="button" role="radio" aria-checked={current === n} aria-label={props.labels.ratingValue.replace('{value}', String(n))} disabled={props.readOnly} className={`tg-star${n <= current ? ' tg-star--on' : ''}`} onClick={() => props.onChange(current === n ? '' : String(n))}>
          ★
        </button>
      ))}
    </div>
  );
}

function Region(props: ControlProps) {
  const depth = props.field.kind === 'region' ? props.field.depth ?? 3 : 3;
  const value = (props.value && typeof props.value === 'object' ? props.value : {}) as Record<string, string>;
  const parts = (['province', 'city', 'district'] as const).slice(0, depth);
  return (
    <div className="tg-region" role="group" aria-labelledby={`${props.id}-label`} aria-describedby={props.describedBy}>
      {parts.map((part, i) => (
        <input
          key={part}
          id={i === 0 ? props.id : `${props.id}-${part}`}
          className="field__input"
          placeholder={props.labels[part]}
          aria-label={props.labels[part]}
          value={value[part] ?? ''}
          readOnly={props.readOnly}
          onChange={(event) => props.onChange({ ...value, [part]: event.target.value })}
        />
      ))}
    </div>
  );
}

function Subtable(props: ControlProps) {
  const field = props.field;
  if (field.kind !== 'subtable') return null;
  const rows = Array.isArray(props.value) ? (props.value as Draft[]) : [];
  const canAdd = !props.readOnly && (field.maxRows === undefined || rows.length < field.maxRows);
  return (
    <div className="tg-subtable" role="group" aria-labelledby={`${props.id}-label`} aria-describedby={props.describedBy}>
      {rows.map((row, index) => (
        <div className="tg-subtable__row" key={index}>
          <div className="tg-subtable__head">
            <span>{props.labels.row.replace('{n}', String(index + 1))}</span>
            {props.readOnly ? null : (
              <button type="button" className="tg-link-button" onClick={() => props.onChange(rows.filter((_, i) => i !== index))}>
                {props.labels.removeRow}
              </button>
            )}
          </div>
          <div className="tg-subtable__fields">
            {field.fields.map((cell) => (
              <FieldControl
                key={cell.key}
                field={cell}
                value={row[cell.key]}
                readOnly={props.readOnly || cell.kind === 'formula' || cell.kind === 'autonumber'}
                locale={props.locale}
                labels={props.labels}
                errors={props.errors}
                path={`${props.path}/${index}/${cell.key}`}
                onChange={(value) => props.onChange(rows.map((r, i) => (i === index ? { ...r, [cell.key]: value } : r)))}
              />
            ))}
          </div>
        </div>
      ))}
      {canAdd ? (
        <button type="button" className="button button--secondary tg-subtable__add" onClick={() => props.onChange([...rows, {}])}>
          + {props.labels.addRow}
        </button>
      ) : null}
    </div>
  );
}

function Computed(props: ControlProps) {
  const shown = formatValue(props.field, props.value, { locale: props.locale, yes: props.labels.yes, no: props.labels.no });
  return (
    <output id={props.id} className="tg-computed" aria-describedby={props.describedBy}>
      {shown || props.labels.computed}
    </output>
  );
}

const CONTROLS = {
  text: (p) => <Input {...p} type="text" />,
  textarea: (p) => (
    <textarea id={p.id} name={p.path} className="field__input tg-textarea" rows={3} value={str(p.value)} readOnly={p.readOnly} aria-invalid={p.invalid || undefined} aria-describedby={p.describedBy} onChange={(event) => p.onChange(event.target.value)} />
  ),
  number: (p) => <Input {...p} type="text" inputMode="decimal" />,
  percent: (p) => (
    <span className="tg-affix">
      <Input {...p} type="text" inputMode="decimal" />
      <span className="tg-affix__text" aria-hidden="true">%</span>
    </span>
  ),
  money: (p) =>
    p.field.kind === 'money' && p.field.currency ? (
      <span className="tg-affix tg-affix--before">
        <span className="tg-affix__text" aria-hidden="true">{currencySymbol(p.field.currency, p.locale)}</span>
        <Input {...p} type="text" inputMode="decimal" />
      </span>
    ) : (
      <Input {...p} type="text" inputMode="decimal" />
    ),
  date: (p) => <Input {...p} type="date" />,
  datetime: (p) => (
    <input id={p.id} name={p.path} type="datetime-local" className="field__input" value={toLocalInput(p.value)} readOnly={p.readOnly} aria-invalid={p.invalid || undefined} aria-describedby={p.describedBy} onChange={(event) => p.onChange(fromLocalInput(event.target.value))} />
  ),
  select: (p) => <Choice props={p} multiple={false} />,
  multiselect: (p) => <Choice props={p} multiple />,
  checkbox: (p) => (
    <label className="tg-check">
      <input id={p.id} type="checkbox" checked={p.value === true} disabled={p.readOnly} aria-describedby={p.describedBy} onChange={(event) => p.onChange(event.target.checked)} />
      <span>{fieldLabel(p.field, p.locale)}</span>
    </label>
  ),
  yesno: (p) => <YesNo {...p} />,
  phone: (p) => <Input {...p} type="tel" inputMode="tel" autoComplete="tel" />,
  email: (p) => <Input {...p} type="email" inputMode="email" autoComplete="email" />,
  url: (p) => <Input {...p} type="url" inputMode="url" />,
  user: (p) => <Input {...p} type="text" />,
  orgunit: (p) => <Input {...p} type="text" />,
  relation: (p) => <Input {...p} type="text" />,
  subtable: (p) => <Subtable {...p} />,
  formula: (p) => <Computed {...p} />,
  autonumber: (p) => <Computed {...p} />,
  file: (p) => <FileControl {...p} />,
  rating: (p) => <Rating {...p} />,
  region: (p) => <Region {...p} />,
} satisfies Record<Field['kind'], (props: ControlProps) => ReactNode>;

/** Kinds whose id-only inputs get a hint until pickers exist. */
const ID_INPUT = new Set<Field['kind']>(['user', 'orgunit', 'relation']);

/** One field: label (with the required mark), its control for the kind, then its error or help text. */
export function FieldControl(props: FieldControlProps) {
  const id = useId();
  const { field, locale, labels } = props;
  const error = props.errors[props.path];
  const help = localText(field.help, locale) || (ID_INPUT.has(field.kind) ? labels.idHint : '');
  const describedBy = [error ? `${id}-error` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
  const wide = field.kind === 'subtable' || field.kind === 'textarea';
  return (
    <div className={`field tg-field tg-field--${field.kind}${wide ? ' tg-field--wide' : ''}${error ? ' field--invalid' : ''}`} data-field={field.key}>
      {field.kind === 'checkbox' ? null : (
        <label className="field__label" id={`${id}-label`} htmlFor={id}>
          {fieldLabel(field, locale)}
          {field.required ? (
            <span className="tg-required" title={labels.required} aria-hidden="true">
              *
            </span>
          ) : null}
        </label>
      )}
      {CONTROLS[field.kind]({ ...props, id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {help ? (
        <p className="field__hint" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
    </div>
  );
}
