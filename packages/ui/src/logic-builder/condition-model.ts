import type { Field, JsonLogic } from '@tangram/schema';

/**
 * The visual condition builder's model: nested and/or groups of "field operator value" rows. It turns
 * into json-logic and back; anything it did not produce itself is reported as not editable rather than
 * guessed at, so an admin never sees a condition silently rewritten.
 */
export const CONDITION_OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'isTrue', 'isFalse', 'empty', 'notEmpty'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export type ConditionValue = string | number;

export interface ConditionRow {
  readonly kind: 'row';
  readonly field: string;
  readonly operator: ConditionOperator;
  readonly value?: ConditionValue;
}

export interface ConditionGroup {
  readonly kind: 'group';
  readonly combinator: 'and' | 'or';
  readonly items: readonly (ConditionRow | ConditionGroup)[];
}

/** How a field's value is picked and compared. */
export type ValueInput = 'text' | 'number' | 'date' | 'option' | 'none';

type Family = 'text' | 'number' | 'date' | 'option' | 'options' | 'boolean' | 'none';

const FAMILY = {
  text: 'text', textarea: 'text', phone: 'text', email: 'text', url: 'text', autonumber: 'text', user: 'text', orgunit: 'text', relation: 'text',
  number: 'number', percent: 'number', money: 'number', rating: 'number',
  date: 'date', datetime: 'date',
  select: 'option', multiselect: 'options',
  checkbox: 'boolean', yesno: 'boolean',
  formula: 'text', subtable: 'none', file: 'none', region: 'none',
} satisfies Record<Field['kind'], Family>;

const OPERATORS = {
  text: ['eq', 'ne', 'contains', 'empty', 'notEmpty'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  date: ['eq', 'lt', 'gt', 'empty', 'notEmpty'],
  option: ['eq', 'ne', 'empty', 'notEmpty'],
  options: ['contains', 'empty', 'notEmpty'],
  boolean: ['isTrue', 'isFalse'],
  none: ['empty', 'notEmpty'],
} satisfies Record<Family, readonly ConditionOperator[]>;

function familyOf(field: Field): Family {
  if (field.kind === 'formula') {
    if (field.resultKind === 'number' || field.resultKind === 'money') return 'number';
    if (field.resultKind === 'boolean') return 'boolean';
    if (field.resultKind === 'date') return 'date';
    return 'text';
  }
  return FAMILY[field.kind];
}

/** The operators offered for a field, by its kind. */
export function conditionOperators(field: Field): readonly ConditionOperator[] {
  return OPERATORS[familyOf(field)];
}

/** What the value picker of a row shows. */
export function valueInput(field: Field, operator: ConditionOperator): ValueInput {
  if (operator === 'isTrue' || operator === 'isFalse' || operator === 'empty' || operator === 'notEmpty') return 'none';
  const family = familyOf(field);
  if (family === 'option' || family === 'options') return 'option';
  if (family === 'number') return 'number';
  if (family === 'date') return 'date';
  return 'text';
}

export const emptyGroup: ConditionGroup = Object.freeze({ kind: 'group', combinator: 'and', items: Object.freeze([]) });

/** A new row for a field: its first operator and an empty value. */
export function newRow(field: Field): ConditionRow {
  return { kind: 'row', field: field.key, operator: conditionOperators(field)[0] ?? 'empty' };
}

const BINARY: Partial<Record<ConditionOperator, string>> = { eq: '==', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** A row is complete when it names a known field, an operator that field offers and, if needed, a value. */
export function isRowComplete(row: ConditionRow, fields: readonly Field[]): boolean {
  const field = fields.find((f) => f.key === row.field);
  if (!field || !conditionOperators(field).includes(row.operator)) return false;
  return valueInput(field, row.operator) === 'none' || (row.value !== undefined && row.value !== '');
}

function rowToLogic(row: ConditionRow): JsonLogic {
  const v = { var: row.field };
  switch (row.operator) {
    case 'contains':
      return { in: [row.value ?? '', v] };
    case 'isTrue':
      return { '==': [v, true] };
    case 'isFalse':
      return { '!=': [v, true] };
    case 'empty':
      return { missing: [row.field] };
    case 'notEmpty':
      return { '!': { missing: [row.field] } };
    case 'lt':
    case 'lte':
      // In json-logic an empty value is below every number ("null < 12" holds): "age under 12" must not
      // match a record with no age, so "less than" also asks for a value.
      return { and: [{ '!': { missing: [row.field] } }, { [BINARY[row.operator]!]: [v, row.value ?? null] }] };
    default:
      return { [BINARY[row.operator]!]: [v, row.value ?? null] };
  }
}

/**
 * json-logic for a group; incomplete rows and empty groups are left out; nothing at all -> undefined.
 *
 *   toLogic({ kind: 'group', combinator: 'and', items: [{ kind: 'row', field: 'age', operator: 'lt', value: 12 }] }, fields)
 *     -> { and: [{ '<': [{ var: 'age' }, 12] }] }
 */
export function toLogic(group: ConditionGroup, fields: readonly Field[]): JsonLogic | undefined {
  const parts: JsonLogic[] = [];
  for (const item of group.items) {
    if (item.kind === 'group') {
      const inner = toLogic(item, fields);
      if (inner !== undefined) parts.push(inner);
    } else if (isRowComplete(item, fields)) {
      parts.push(rowToLogic(item));
    }
  }
  return parts.length === 0 ? undefined : { [group.combinator]: parts };
}

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const single = (x: Record<string, unknown>): [string, unknown] | undefined => {
  const entries = Object.entries(x);
  return entries.length === 1 ? entries[0] : undefined;
};
const varName = (x: unknown): string | undefined => (isObject(x) && typeof x.var === 'string' && Object.keys(x).length === 1 ? x.var : undefined);
const isValue = (x: unknown): x is ConditionValue => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));

/** `{and: [{"!": {missing: [k]}}, {"<": [{var: k}, x]}]}`: a "less than" row as `rowToLogic` writes it. */
function guardedRow(node: Record<string, unknown>, fields: readonly Field[]): ConditionRow | null {
  const entry = single(node);
  if (entry?.[0] !== 'and' || !Array.isArray(entry[1]) || entry[1].length !== 2) return null;
  const guard = rowFromLogic(entry[1][0], fields);
  const row = rowFromLogic(entry[1][1], fields);
  const isLess = row?.operator === 'lt' || row?.operator === 'lte';
  return guard?.operator === 'notEmpty' && isLess && guard.field === row.field ? row : null;
}

function rowFromLogic(node: unknown, fields: readonly Field[]): ConditionRow | null {
  if (!isObject(node)) return null;
  const entry = single(node);
  if (!entry) return null;
  const [op, args] = entry;
  const known = (key: string | undefined, operator: ConditionOperator): key is string => {
    const field = fields.find((f) => f.key === key);
    return field !== undefined && conditionOperators(field).includes(operator);
  };
  if (op === 'missing' && Array.isArray(args) && args.length === 1 && typeof args[0] === 'string') {
    return known(args[0], 'empty') ? { kind: 'row', field: args[0], operator: 'empty' } : null;
  }
  if (op === '!') {
    const inner = isObject(args) ? single(args) : undefined;
    if (inner?.[0] === 'missing' && Array.isArray(inner[1]) && inner[1].length === 1 && typeof inner[1][0] === 'string' && known(inner[1][0], 'notEmpty')) {
      return { kind: 'row', field: inner[1][0], operator: 'notEmpty' };
    }
    return null;
  }
  if (!Array.isArray(args) || args.length !== 2) return null;
  if (op === 'in') {
    const key = varName(args[1]);
    return known(key, 'contains') && isValue(args[0]) ? { kind: 'row', field: key, operator: 'contains', value: args[0] } : null;
  }
  const key = varName(args[0]);
  if (args[1] === true && (op === '==' || op === '!=')) {
    const operator = op === '==' ? 'isTrue' : 'isFalse';
    return known(key, operator) ? { kind: 'row', field: key, operator } : null;
  }
  const operator = (Object.keys(BINARY) as ConditionOperator[]).find((o) => BINARY[o] === op);
  return operator && known(key, operator) && isValue(args[1]) ? { kind: 'row', field: key, operator, value: args[1] } : null;
}

/**
 * The builder's model of a condition it produced, or null when the condition came from elsewhere and
 * cannot be shown faithfully. `undefined` (no condition) is the empty group.
 */
export function fromLogic(logic: JsonLogic | undefined, fields: readonly Field[]): ConditionGroup | null {
  if (logic === undefined || logic === null) return emptyGroup;
  if (!isObject(logic)) return null;
  const entry = single(logic);
  if (!entry || (entry[0] !== 'and' && entry[0] !== 'or') || !Array.isArray(entry[1])) return null;
  const items: (ConditionRow | ConditionGroup)[] = [];
  for (const part of entry[1]) {
    const inner = isObject(part) ? single(part) : undefined;
    const isGroup = inner !== undefined && (inner[0] === 'and' || inner[0] === 'or');
    const item = isGroup ? (guardedRow(part as Record<string, unknown>, fields) ?? fromLogic(part as JsonLogic, fields)) : rowFromLogic(part, fields);
    if (!item) return null;
    items.push(item);
  }
  return { kind: 'group', combinator: entry[0], items };
}
