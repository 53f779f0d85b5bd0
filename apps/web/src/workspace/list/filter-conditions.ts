import type { FormDefinition, JsonLogic } from '@tangram/schema';
import { buildFilter, filterOperators, type FilterCondition, type FilterOperator } from '@tangram/ui';

type Node = Readonly<Record<string, JsonLogic>>;
const isNode = (value: unknown): value is Node => value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1;
const varName = (value: unknown): string | undefined => (isNode(value) && typeof value.var === 'string' ? value.var : undefined);
const asText = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined);

/** One condition as `buildFilter` writes it, read back; undefined when it is not one of those shapes. */
function readCondition(node: unknown): FilterCondition | undefined {
  if (!isNode(node)) return undefined;
  const [op, raw] = Object.entries(node)[0]!;
  const args = Array.isArray(raw) ? raw : [];
  const binary: Partial<Record<string, FilterOperator>> = { '==': 'eq', '!=': 'ne', '>': 'gt', '<': 'lt' };
  const operator = binary[op];
  if (operator && args.length === 2) {
    const field = varName(args[0]);
    const value = asText(args[1]);
    return field !== undefined && value !== undefined ? { field, operator, value } : undefined;
  }
  if (op === 'in' && args.length === 2) {
    const field = varName(args[1]);
    const value = asText(args[0]);
    return field !== undefined && value !== undefined ? { field, operator: 'contains', value } : undefined;
  }
  if (op === 'missing' && Array.isArray(raw) && raw.length === 1 && typeof raw[0] === 'string') return { field: raw[0], operator: 'empty', value: '' };
  if (op === '!') {
    const inner = readCondition(raw);
    return inner?.operator === 'empty' ? { ...inner, operator: 'notEmpty' } : undefined;
  }
  return undefined;
}

/**
 * The filter bar's rows for a filter from the address or a saved view, or null when the filter is not one
 * the bar could have built (a report drill-down may send any condition): the list then applies it as is.
 *   conditionsOf(form, { '>': [{ var: 'budget' }, 5000] }) -> [{ field: 'budget', operator: 'gt', value: '5000' }]
 */
export function conditionsOf(form: Pick<FormDefinition, 'fields'>, filter: JsonLogic | null): readonly FilterCondition[] | null {
  if (filter === null) return [];
  const parts = isNode(filter) && Array.isArray(filter.and) ? filter.and : [filter];
  const conditions = parts.map(readCondition);
  if (conditions.some((c) => c === undefined)) return null;
  const read = conditions as FilterCondition[];
  const known = read.every((c) => {
    const field = form.fields.find((f) => f.key === c.field);
    return field !== undefined && filterOperators(field).includes(c.operator);
  });
  // Only a filter the bar rebuilds exactly is shown as its rows; anything else would change when re-applied.
  return known && JSON.stringify(buildFilter(form, read) ?? null) === JSON.stringify(filter) ? read : null;
}
