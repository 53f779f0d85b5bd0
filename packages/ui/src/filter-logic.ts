import type { Field, FormDefinition, JsonLogic } from '@tangram/schema';

export const FILTER_OPERATORS = ['eq', 'ne', 'contains', 'gt', 'lt', 'empty', 'notEmpty'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** One row of the filter bar: field + operator + the value as typed. */
export interface FilterCondition {
  readonly field: string;
  readonly operator: FilterOperator;
  readonly value: string;
}

type ValueKind = 'text' | 'number' | 'boolean' | 'option' | 'options' | 'none';

const VALUE_KIND = {
  text: 'text', textarea: 'text', phone: 'text', email: 'text', url: 'text', autonumber: 'text', user: 'text', orgunit: 'text', relation: 'text',
  date: 'text', datetime: 'text',
  number: 'number', percent: 'number', money: 'number', rating: 'number',
  checkbox: 'boolean', yesno: 'boolean',
  select: 'option', multiselect: 'options',
  formula: 'text', subtable: 'none', file: 'none', region: 'none',
} satisfies Record<Field['kind'], ValueKind>;

const OPERATORS_BY_VALUE = {
  text: ['contains', 'eq', 'ne', 'gt', 'lt', 'empty', 'notEmpty'],
  number: ['eq', 'ne', 'gt', 'lt', 'empty', 'notEmpty'],
  boolean: ['eq'],
  option: ['eq', 'ne', 'empty', 'notEmpty'],
  options: ['contains', 'empty', 'notEmpty'],
  none: [],
} satisfies Record<ValueKind, readonly FilterOperator[]>;

/** Operators offered for a field; none for kinds a list cannot filter on yet. */
export function filterOperators(field: Field): readonly FilterOperator[] {
  const kind = field.kind === 'formula' ? (field.resultKind === 'number' || field.resultKind === 'money' ? 'number' : field.resultKind === 'boolean' ? 'boolean' : 'text') : VALUE_KIND[field.kind];
  return OPERATORS_BY_VALUE[kind];
}

export function filterableFields(form: Pick<FormDefinition, 'fields'>): readonly Field[] {
  return form.fields.filter((field) => filterOperators(field).length > 0);
}

export function operatorNeedsValue(operator: FilterOperator): boolean {
  return operator !== 'empty' && operator !== 'notEmpty';
}

function typedValue(field: Field, raw: string): JsonLogic | undefined {
  const kind = filterOperators(field) === OPERATORS_BY_VALUE.number ? 'number' : filterOperators(field) === OPERATORS_BY_VALUE.boolean ? 'boolean' : 'text';
  if (kind === 'number') {
    const number = Number(raw.trim());
    return raw.trim() !== '' && Number.isFinite(number) ? number : undefined;
  }
  if (kind === 'boolean') return raw === 'true';
  return raw;
}

const BUILD = {
  eq: (v, value) => ({ '==': [v, value] }),
  ne: (v, value) => ({ '!=': [v, value] }),
  contains: (v, value) => ({ in: [value, v] }),
  gt: (v, value) => ({ '>': [v, value] }),
  lt: (v, value) => ({ '<': [v, value] }),
  empty: (_v, _value, key) => ({ missing: [key] }),
  notEmpty: (_v, _value, key) => ({ '!': { missing: [key] } }),
} satisfies Record<FilterOperator, (v: JsonLogic, value: JsonLogic, key: string) => JsonLogic>;

/**
 * The json-logic condition the list sends as `filter`, or undefined when no row is complete.
 * Rows with an unknown field, an operator the field does not offer, or a missing value are ignored.
 *
 *   buildFilter(form, [{ field: 'budget', operator: 'gt', value: '5000' }, { field: 'name', operator: 'contains', value: '张' }])
 *     -> { and: [{ '>': [{ var: 'budget' }, 5000] }, { in: ['张', { var: 'name' }] }] }
 */
export function buildFilter(form: Pick<FormDefinition, 'fields'>, conditions: readonly FilterCondition[]): JsonLogic | undefined {
  const parts: JsonLogic[] = [];
  for (const condition of conditions) {
    const field = form.fields.find((f) => f.key === condition.field);
    if (!field || !filterOperators(field).includes(condition.operator)) continue;
    let value: JsonLogic = null;
    if (operatorNeedsValue(condition.operator)) {
      const typed = typedValue(field, condition.value);
      if (typed === undefined || typed === '') continue;
      value = typed;
    }
    parts.push(BUILD[condition.operator]({ var: field.key }, value, field.key));
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? (parts[0] as JsonLogic) : { and: parts };
}
