import { parseAutonumberPattern } from '../autonumber-pattern';
import type { Field } from '../field';
import type { FormDefinition } from '../form';
import type { JsonLogic } from '../json-logic';
import type { Problem } from '../problem';
import { compareDecimal } from './decimal';
import { forEachLogicVar, logicVars } from './json-logic-vars';
import { pointer } from './json-pointer';

/** Kinds whose value is computed, so a default would never be used. */
const COMPUTED_KINDS = new Set(['formula', 'autonumber']);

/** `{ "expr": <json-logic> }` marks a computed default; anything else is a static value. */
export function isExprDefault(value: unknown): value is { readonly expr: JsonLogic } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && 'expr' in value;
}

/**
 * What JSON Schema cannot say about a form that already matches its schema: references between fields,
 * sections and tabs, option values, ranges, regexes, autonumber patterns and formula cycles. Every problem
 * is returned.
 */
export function checkFormSemantics(form: FormDefinition): Problem[] {
  const problems: Problem[] = [];
  const ids = new Map<string, string>();
  const topKeys = new Set(form.fields.map((f) => f.key));
  checkFields(form.fields, '/fields', new Set(), false, form, ids, problems);

  const sectionIds = new Set<string>();
  const placed = new Set<string>();
  form.layout?.forEach((section, s) => {
    const sectionPath = pointer('/layout', s);
    if (sectionIds.has(section.id)) problems.push({ path: pointer(sectionPath, 'id'), code: 'duplicateId', params: { id: section.id } });
    sectionIds.add(section.id);
    section.fields.forEach((key, j) => {
      const path = pointer(pointer(sectionPath, 'fields'), j);
      if (!topKeys.has(key)) problems.push({ path, code: 'unknownFieldReference', params: { field: key } });
      else if (placed.has(key)) problems.push({ path, code: 'duplicate', params: { value: key } });
      placed.add(key);
    });
  });

  if (form.tabs) checkTabs(form, problems);

  const checkIds = new Set<string>();
  form.checks?.forEach((check, c) => {
    const checkPath = pointer('/checks', c);
    if (checkIds.has(check.id)) problems.push({ path: pointer(checkPath, 'id'), code: 'duplicateId', params: { id: check.id } });
    checkIds.add(check.id);
    checkVars(check.when, pointer(checkPath, 'when'), topKeys, problems);
    check.fields?.forEach((key, j) => {
      if (!topKeys.has(key)) problems.push({ path: pointer(pointer(checkPath, 'fields'), j), code: 'unknownFieldReference', params: { field: key } });
    });
  });

  checkFormulaCycles(form.fields, '/fields', problems);
  return problems;
}

/**
 * Tabs group whole sections: each tab names known sections, no section sits in two tabs and, once tabs
 * exist, none is left out (it could never be shown). A title of blanks reads as no title at all.
 */
function checkTabs(form: FormDefinition, problems: Problem[]): void {
  const sectionIds = new Set((form.layout ?? []).map((s) => s.id));
  const tabIds = new Set<string>();
  const tabOf = new Map<string, string>();
  form.tabs?.forEach((tab, t) => {
    const tabPath = pointer('/tabs', t);
    if (tabIds.has(tab.id)) problems.push({ path: pointer(tabPath, 'id'), code: 'duplicateId', params: { id: tab.id } });
    tabIds.add(tab.id);
    if (!Object.values(tab.title).some((text) => typeof text === 'string' && text.trim() !== '')) {
      problems.push({ path: pointer(tabPath, 'title'), code: 'localizedTextEmpty' });
    }
    tab.sections.forEach((id, j) => {
      const path = pointer(pointer(tabPath, 'sections'), j);
      const owner = tabOf.get(id);
      if (!sectionIds.has(id)) problems.push({ path, code: 'unknownSectionReference', params: { section: id } });
      else if (owner !== undefined) problems.push({ path, code: 'sectionInTwoTabs', params: { section: id, tab: owner } });
      else tabOf.set(id, tab.id);
    });
  });
  form.layout?.forEach((section, s) => {
    if (!tabOf.has(section.id)) problems.push({ path: pointer(pointer('/layout', s), 'id'), code: 'sectionWithoutTab', params: { section: section.id } });
  });
}

function checkFields(
  fields: readonly Field[],
  basePath: string,
  outerKeys: ReadonlySet<string>,
  inSubtable: boolean,
  form: FormDefinition,
  ids: Map<string, string>,
  problems: Problem[],
): void {
  // Row conditions may read the row's own fields and the parent record's fields.
  const scope = new Set([...outerKeys, ...fields.map((f) => f.key)]);
  const keys = new Set<string>();
  fields.forEach((field, i) => {
    const path = pointer(basePath, i);
    if (ids.has(field.id)) problems.push({ path: pointer(path, 'id'), code: 'duplicateId', params: { id: field.id } });
    ids.set(field.id, path);
    if (keys.has(field.key)) problems.push({ path: pointer(path, 'key'), code: 'duplicateKey', params: { key: field.key } });
    keys.add(field.key);
    checkField(field, path, scope, inSubtable, form, ids, problems);
  });
}

function checkField(
  field: Field,
  path: string,
  scope: ReadonlySet<string>,
  inSubtable: boolean,
  form: FormDefinition,
  ids: Map<string, string>,
  problems: Problem[],
): void {
  checkVars(field.visibleIf, pointer(path, 'visibleIf'), scope, problems);
  checkVars(field.readOnlyIf, pointer(path, 'readOnlyIf'), scope, problems);
  if (field.default !== undefined) {
    if (COMPUTED_KINDS.has(field.kind)) problems.push({ path: pointer(path, 'default'), code: 'defaultNotAllowed', params: { kind: field.kind } });
    else if (isExprDefault(field.default)) checkVars(field.default.expr, pointer(pointer(path, 'default'), 'expr'), scope, problems);
    else checkStaticDefault(field, pointer(path, 'default'), problems);
  }
  const minMax = (minKey: string, maxKey: string, greater: boolean) => {
    if (greater) {
      const f = field as unknown as Record<string, unknown>;
      problems.push({ path: pointer(path, minKey), code: 'minGreaterThanMax', params: { min: f[minKey], max: f[maxKey] } });
    }
  };
  switch (field.kind) {
    case 'text':
    case 'textarea':
      if (field.minLength !== undefined && field.maxLength !== undefined) minMax('minLength', 'maxLength', field.minLength > field.maxLength);
      if (field.pattern !== undefined && !isValidRegex(field.pattern)) problems.push({ path: pointer(path, 'pattern'), code: 'invalidRegex', params: { pattern: field.pattern } });
      break;
    case 'number':
    case 'percent':
      if (field.min !== undefined && field.max !== undefined) minMax('min', 'max', field.min > field.max);
      break;
    case 'money':
      if (field.min !== undefined && field.max !== undefined) minMax('min', 'max', compareDecimal(field.min, field.max) > 0);
      break;
    case 'date':
      if (field.min !== undefined && field.max !== undefined) minMax('min', 'max', field.min > field.max);
      break;
    case 'datetime':
      if (field.min !== undefined && field.max !== undefined) minMax('min', 'max', Date.parse(field.min) > Date.parse(field.max));
      break;
    case 'select':
    case 'multiselect':
      checkOptions(field, path, problems);
      if (field.minItems !== undefined && field.maxItems !== undefined) minMax('minItems', 'maxItems', field.minItems > field.maxItems);
      break;
    case 'subtable':
      if (field.minRows !== undefined && field.maxRows !== undefined) minMax('minRows', 'maxRows', field.minRows > field.maxRows);
      checkFields(field.fields, pointer(path, 'fields'), scope, true, form, ids, problems);
      break;
    case 'formula':
      checkVars(field.expr, pointer(path, 'expr'), scope, problems);
      break;
    case 'autonumber': {
      // Sequences are allocated per record, not per row.
      if (inSubtable) problems.push({ path: pointer(path, 'kind'), code: 'notAllowedInSubtable', params: { kind: field.kind } });
      const parsed = parseAutonumberPattern(field.pattern);
      if (!parsed.ok) problems.push({ path: pointer(path, 'pattern'), code: parsed.code, params: parsed.token === undefined ? {} : { token: parsed.token } });
      break;
    }
    case 'relation':
      // A relation to its own form is allowed (a lead referring to another lead); only then can we check displayField.
      if (field.form === form.key && field.displayField !== undefined && !form.fields.some((f) => f.key === field.displayField)) {
        problems.push({ path: pointer(path, 'displayField'), code: 'unknownFieldReference', params: { field: field.displayField } });
      }
      break;
    case 'checkbox': case 'yesno': case 'phone': case 'email': case 'url': case 'user': case 'orgunit':
    case 'file': case 'rating': case 'region':
      break;
    default: {
      const exhaustive: never = field;
      return exhaustive;
    }
  }
}

/** What JSON type a static default of each kind must have; select kinds are checked against their options. */
const DEFAULT_TYPES: Record<Field['kind'], (field: Field, value: unknown) => string | undefined> = {
  text: (_, v) => (typeof v === 'string' ? undefined : 'string'),
  textarea: (_, v) => (typeof v === 'string' ? undefined : 'string'),
  phone: (_, v) => (typeof v === 'string' ? undefined : 'string'),
  email: (_, v) => (typeof v === 'string' ? undefined : 'string'),
  url: (_, v) => (typeof v === 'string' ? undefined : 'string'),
  orgunit: (_, v) => (typeof v === 'string' ? undefined : 'string'),
  user: (f, v) => idDefault(f, v),
  relation: (f, v) => idDefault(f, v),
  number: (_, v) => (typeof v === 'number' ? undefined : 'number'),
  percent: (_, v) => (typeof v === 'number' ? undefined : 'number'),
  rating: (_, v) => (typeof v === 'number' && Number.isInteger(v) ? undefined : 'integer'),
  money: (_, v) => (typeof v === 'string' && /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(v) ? undefined : 'decimal string'),
  date: (_, v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? undefined : 'date'),
  datetime: (_, v) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? undefined : 'date-time'),
  checkbox: (_, v) => (typeof v === 'boolean' ? undefined : 'boolean'),
  yesno: (_, v) => (typeof v === 'boolean' ? undefined : 'boolean'),
  select: () => undefined,
  multiselect: () => undefined,
  file: (_, v) => (Array.isArray(v) ? undefined : 'array'),
  subtable: (_, v) => (Array.isArray(v) ? undefined : 'array'),
  region: (_, v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? undefined : 'object'),
  formula: () => undefined,
  autonumber: () => undefined,
};

function idDefault(field: Field, value: unknown): string | undefined {
  const multiple = 'multiple' in field && field.multiple === true;
  if (multiple) return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : 'array';
  return typeof value === 'string' ? undefined : 'string';
}

/** A static default of the wrong type would fail every create with a problem the user cannot fix. */
function checkStaticDefault(field: Field, path: string, problems: Problem[]): void {
  const expected = DEFAULT_TYPES[field.kind](field, field.default);
  if (expected !== undefined) problems.push({ path, code: 'type', params: { expected } });
}

function checkOptions(field: Extract<Field, { kind: 'select' | 'multiselect' }>, path: string, problems: Problem[]): void {
  const values = new Set<string>();
  field.options.forEach((option, j) => {
    if (values.has(option.value)) problems.push({ path: pointer(pointer(pointer(path, 'options'), j), 'value'), code: 'duplicateOption', params: { value: option.value } });
    values.add(option.value);
  });
  const d = field.default;
  if (d === undefined || isExprDefault(d)) return;
  const defaultPath = pointer(path, 'default');
  if (field.kind === 'select') {
    if (typeof d !== 'string' || !values.has(d)) problems.push({ path: defaultPath, code: 'defaultNotAnOption', params: { value: d } });
    return;
  }
  if (!Array.isArray(d)) {
    problems.push({ path: defaultPath, code: 'type', params: { expected: 'array' } });
    return;
  }
  d.forEach((v: unknown, k: number) => {
    if (typeof v !== 'string' || !values.has(v)) problems.push({ path: pointer(defaultPath, k), code: 'defaultNotAnOption', params: { value: v } });
  });
}

function checkVars(expr: JsonLogic | undefined, path: string, scope: ReadonlySet<string>, problems: Problem[]): void {
  forEachLogicVar(expr, path, (name, varPath) => {
    // `$now`, `$user.id`, `$record.owner`: context the runtime provides.
    if (!name.startsWith('$') && !scope.has(name)) problems.push({ path: varPath, code: 'unknownFieldReference', params: { field: name } });
  });
}

function isValidRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Formulas that read each other in a loop can never be computed. Reported once per formula on a cycle. */
function checkFormulaCycles(fields: readonly Field[], basePath: string, problems: Problem[]): void {
  const formulas = new Map<string, { deps: string[]; path: string }>();
  fields.forEach((f, i) => {
    if (f.kind === 'formula') formulas.set(f.key, { deps: logicVars(f.expr), path: pointer(pointer(basePath, i), 'expr') });
    if (f.kind === 'subtable') checkFormulaCycles(f.fields, pointer(pointer(basePath, i), 'fields'), problems);
  });
  const state = new Map<string, 'visiting' | 'done'>();
  const onCycle = new Set<string>();
  const visit = (key: string, stack: string[]): void => {
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') {
      stack.slice(stack.indexOf(key)).forEach((k) => onCycle.add(k));
      return;
    }
    state.set(key, 'visiting');
    for (const dep of formulas.get(key)?.deps ?? []) if (formulas.has(dep)) visit(dep, [...stack, key]);
    state.set(key, 'done');
  };
  for (const key of formulas.keys()) visit(key, []);
  for (const key of onCycle) problems.push({ path: formulas.get(key)!.path, code: 'formulaCycle', params: { field: key } });
}
