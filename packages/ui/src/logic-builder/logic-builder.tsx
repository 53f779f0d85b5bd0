import { useEffect, useId, useRef, useState } from 'react';
import type { Field, JsonLogic, Locale } from '@tangram/schema';
import { localText } from '../format-value';
import {
  conditionOperators, emptyGroup, fromLogic, newRow, toLogic, valueInput,
  type ConditionGroup, type ConditionOperator, type ConditionRow,
} from './condition-model';

/** The builder's own words, passed in by the app like the renderer's `FormLabels`. */
export interface LogicBuilderLabels {
  readonly and: string;
  readonly or: string;
  readonly combinator: string;
  readonly addCondition: string;
  readonly addGroup: string;
  readonly removeCondition: string;
  readonly removeGroup: string;
  readonly field: string;
  readonly operator: string;
  readonly value: string;
  readonly choose: string;
  readonly noFields: string;
  readonly notEditable: string;
  readonly clear: string;
  readonly operators: Readonly<Record<ConditionOperator, string>>;
}

export interface LogicBuilderProps {
  /** Fields the condition may read. */
  readonly fields: readonly Field[];
  readonly value: JsonLogic | undefined;
  /** The json-logic for the complete rows; undefined when there is no condition. */
  readonly onChange: (value: JsonLogic | undefined) => void;
  readonly locale: Locale;
  readonly labels: LogicBuilderLabels;
  /** Names the whole builder for assistive technology ("Show when"). */
  readonly label: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A visual json-logic editor: and/or groups of "field · operator · value" rows with pickers by field kind.
 * Rows still being filled in stay on screen without reaching the condition.
 */
export function LogicBuilder({ fields, value, onChange, locale, labels, label }: LogicBuilderProps) {
  const [group, setGroup] = useState<ConditionGroup | null>(() => fromLogic(value, fields));
  const emitted = useRef<JsonLogic | undefined>(group ? toLogic(group, fields) : value);
  // Undo, redo or another editor replaced the condition: show what is there now. Compared as the builder
  // would write it, so a caller storing "no condition" as `{"and": []}` does not wipe rows being filled in.
  useEffect(() => {
    const parsed = fromLogic(value, fields);
    if (!same(parsed ? toLogic(parsed, fields) : value, emitted.current)) {
      emitted.current = parsed ? toLogic(parsed, fields) : value;
      setGroup(parsed);
    }
  }, [value, fields]);

  const update = (next: ConditionGroup) => {
    setGroup(next);
    const logic = toLogic(next, fields);
    if (!same(logic, emitted.current)) {
      emitted.current = logic;
      onChange(logic);
    }
  };

  if (group === null) {
    return (
      <div className="tg-logic tg-logic--foreign" role="group" aria-label={label}>
        <p className="tg-logic__foreign">{labels.notEditable}</p>
        <code className="tg-logic__code">{JSON.stringify(value)}</code>
        <button type="button" className="button button--secondary button--small" onClick={() => update(emptyGroup)}>{labels.clear}</button>
      </div>
    );
  }
  return (
    <div className="tg-logic" role="group" aria-label={label}>
      <GroupEditor group={group} depth={0} fields={fields} locale={locale} labels={labels} onChange={update} />
    </div>
  );
}

interface GroupEditorProps {
  readonly group: ConditionGroup;
  readonly depth: number;
  readonly fields: readonly Field[];
  readonly locale: Locale;
  readonly labels: LogicBuilderLabels;
  readonly onChange: (group: ConditionGroup) => void;
  readonly onRemove?: () => void;
}

function GroupEditor({ group, depth, fields, locale, labels, onChange, onRemove }: GroupEditorProps) {
  const id = useId();
  const first = fields[0];
  const setItem = (index: number, item: ConditionRow | ConditionGroup) => onChange({ ...group, items: group.items.map((x, i) => (i === index ? item : x)) });
  const removeItem = (index: number) => onChange({ ...group, items: group.items.filter((_, i) => i !== index) });
  return (
    <div className={`tg-logic__group tg-logic__group--depth${depth}`}>
      <div className="tg-logic__head">
        <label className="tg-logic__combinator" htmlFor={`${id}-c`}>
          <span className="dz-sr-only">{labels.combinator}</span>
          <select id={`${id}-c`} className="field__input field__input--small" value={group.combinator} onChange={(e) => onChange({ ...group, combinator: e.target.value as 'and' | 'or' })}>
            <option value="and">{labels.and}</option>
            <option value="or">{labels.or}</option>
          </select>
        </label>
        {onRemove ? (
          <button type="button" className="button button--ghost button--small" onClick={onRemove}>{labels.removeGroup}</button>
        ) : null}
      </div>
      <ul className="tg-logic__items">
        {group.items.map((item, index) => (
          <li key={index} className="tg-logic__item">
            {item.kind === 'group' ? (
              <GroupEditor group={item} depth={depth + 1} fields={fields} locale={locale} labels={labels} onChange={(g) => setItem(index, g)} onRemove={() => removeItem(index)} />
            ) : (
              <RowEditor row={item} fields={fields} locale={locale} labels={labels} onChange={(r) => setItem(index, r)} onRemove={() => removeItem(index)} />
            )}
          </li>
        ))}
      </ul>
      {first ? (
        <div className="tg-logic__actions">
          <button type="button" className="button button--secondary button--small" onClick={() => onChange({ ...group, items: [...group.items, newRow(first)] })}>{labels.addCondition}</button>
          {depth === 0 ? (
            <button type="button" className="button button--ghost button--small" onClick={() => onChange({ ...group, items: [...group.items, { kind: 'group', combinator: group.combinator === 'and' ? 'or' : 'and', items: [newRow(first)] }] })}>{labels.addGroup}</button>
          ) : null}
        </div>
      ) : (
        <p className="tg-logic__empty">{labels.noFields}</p>
      )}
    </div>
  );
}

interface RowEditorProps {
  readonly row: ConditionRow;
  readonly fields: readonly Field[];
  readonly locale: Locale;
  readonly labels: LogicBuilderLabels;
  readonly onChange: (row: ConditionRow) => void;
  readonly onRemove: () => void;
}

function RowEditor({ row, fields, locale, labels, onChange, onRemove }: RowEditorProps) {
  const id = useId();
  const field = fields.find((f) => f.key === row.field);
  const operators = field ? conditionOperators(field) : [];
  const input = field ? valueInput(field, row.operator) : 'none';
  const setValue = (raw: string) => {
    const { value: _old, ...rest } = row;
    if (raw === '') return onChange(rest);
    onChange({ ...rest, value: input === 'number' && Number.isFinite(Number(raw)) ? Number(raw) : raw });
  };
  return (
    <div className="tg-logic__row">
      <label className="tg-logic__cell" htmlFor={`${id}-f`}>
        <span className="tg-logic__cell-label">{labels.field}</span>
        <select
          id={`${id}-f`}
          className="field__input field__input--small"
          value={row.field}
          onChange={(e) => {
            const next = fields.find((f) => f.key === e.target.value);
            if (next) onChange(newRow(next));
          }}
        >
          {field ? null : <option value={row.field}>{row.field}</option>}
          {fields.map((f) => (
            <option key={f.key} value={f.key}>{localText(f.label, locale) || f.key}</option>
          ))}
        </select>
      </label>
      <label className="tg-logic__cell" htmlFor={`${id}-o`}>
        <span className="tg-logic__cell-label">{labels.operator}</span>
        <select
          id={`${id}-o`}
          className="field__input field__input--small"
          value={row.operator}
          onChange={(e) => {
            const operator = e.target.value as ConditionOperator;
            const keep = field && valueInput(field, operator) === input;
            onChange(keep && row.value !== undefined ? { ...row, operator } : { kind: 'row', field: row.field, operator });
          }}
        >
          {operators.map((o) => (
            <option key={o} value={o}>{labels.operators[o]}</option>
          ))}
        </select>
      </label>
      {input === 'none' ? null : (
        <label className="tg-logic__cell" htmlFor={`${id}-v`}>
          <span className="tg-logic__cell-label">{labels.value}</span>
          {input === 'option' && field && (field.kind === 'select' || field.kind === 'multiselect') ? (
            <select id={`${id}-v`} className="field__input field__input--small" value={String(row.value ?? '')} onChange={(e) => setValue(e.target.value)}>
              <option value="">{labels.choose}</option>
              {field.options.map((o) => (
                <option key={o.value} value={o.value}>{localText(o.label, locale) || o.value}</option>
              ))}
            </select>
          ) : (
            <input
              id={`${id}-v`}
              className="field__input field__input--small"
              type={input === 'number' ? 'number' : input === 'date' ? 'date' : 'text'}
              value={String(row.value ?? '')}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </label>
      )}
      <button type="button" className="button button--ghost button--small tg-logic__remove" aria-label={labels.removeCondition} title={labels.removeCondition} onClick={onRemove}>
        ×
      </button>
    </div>
  );
}
