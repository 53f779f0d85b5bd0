import { isExprDefault, logicVars, parseAutonumberPattern, pointer, type AutonumberPart, type Field, type FieldKind, type JsonLogic, type Problem } from '@tangram/schema';
import { formatAutonumber } from './autonumber';
import { calendarDay, type CalendarDay } from './calendar';
import { deepEqual } from './deep-equal';
import { formulaCoercion, type Coerce } from './formula-result';
import { prepareBoolean } from './normalise/boolean';
import { prepareChoice } from './normalise/choice';
import { prepareEmail, prepareUrl } from './normalise/contact';
import { prepareDate } from './normalise/date';
import { prepareFile } from './normalise/file';
import { prepareMoney } from './normalise/money';
import { EMPTY, INVALID, emptyOrWrongType, typeProblem, type Normalise, type PrepareNormaliser } from './normalise/normaliser';
import { prepareNumber } from './normalise/number';
import { preparePhone } from './normalise/phone';
import { prepareRating } from './normalise/rating';
import { prepareReference } from './normalise/reference';
import { prepareRegion } from './normalise/region';
import { prepareText } from './normalise/text';
import type { FormContext } from './types';

export type Evaluate = (data: unknown) => unknown;
export type Compile = (expr: JsonLogic | undefined, path: string) => Evaluate | undefined;
type Scope = Record<string, unknown>;

/** What one evaluation shares across the record and its subtable rows. */
export interface Run {
  readonly ctx: FormContext;
  readonly create: boolean;
  readonly timeZone: string;
  readonly problems: Problem[];
  /** `$now` and `$user`, put into every scope so conditions can read them. */
  readonly contextVars: Readonly<Scope>;
  /** The creation day in the form's time zone, for autonumbers; `null` until first asked (see `todayOf`). */
  today: CalendarDay | undefined | null;
}

export interface LevelResult {
  /** The stored data of this level's fields. */
  readonly data: Scope;
  /** What conditions read: context vars, outer values and this level's final values. */
  readonly scope: Readonly<Scope>;
}

/**
 * Evaluates one level (the record, or one subtable row) and returns its stored data.
 * `outerScope` holds the context vars and, for a row, the parent record's values; the row's own keys
 * shadow the parent's. Only this level's fields are returned.
 */
export type EvaluateLevel = (
  input: Readonly<Scope>, previous: Readonly<Scope> | undefined, dataPath: string, run: Run, outerScope: Readonly<Scope>,
) => LevelResult;

/** Field type of one kind: `FieldOf<'textarea'>` is `TextField`. */
type FieldOf<K extends FieldKind> = Field extends infer F ? (F extends { kind: infer FK } ? (K extends FK ? F : never) : never) : never;

/** Kinds with a sent value to check. Computed kinds (formula, autonumber) have none; subtables are built here. */
const normalisers = {
  text: prepareText, textarea: prepareText, number: prepareNumber, percent: prepareNumber, money: prepareMoney,
  date: prepareDate, datetime: prepareDate, select: prepareChoice, multiselect: prepareChoice,
  checkbox: prepareBoolean, yesno: prepareBoolean, phone: preparePhone, email: prepareEmail, url: prepareUrl,
  user: prepareReference, orgunit: prepareReference, relation: prepareReference, file: prepareFile,
  rating: prepareRating, region: prepareRegion,
  subtable: null, formula: null, autonumber: null,
} satisfies { [K in FieldKind]: PrepareNormaliser<FieldOf<K>> | null };

// Per-field state of one evaluation, as bits in a small array.
const SENT = 1;
const REFUSED = 2;
const HIDDEN = 4;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const truthy = (v: unknown): boolean => !(Array.isArray(v) && v.length === 0) && Boolean(v);

/**
 * `{...a, ...b}` with a wide `b` takes a slow path in V8 (~100x a plain loop, measured on Node 20);
 * this is the engine's hot path, so scopes are merged by hand.
 */
function mergeScope(base: Readonly<Scope>, values: Readonly<Scope>): Scope {
  const merged: Scope = { ...base };
  for (const key in values) if (hasOwn(values, key)) merged[key] = values[key];
  return merged;
}

/** The creation day, computed at most once per evaluation (Intl formatting is the costly part). */
function todayOf(run: Run): CalendarDay | undefined {
  if (run.today === null) run.today = calendarDay(run.ctx.now, run.timeZone);
  return run.today;
}

// The prepared steps. Each list holds only the fields its phase concerns, decided once per form version,
// so a record is a few straight loops with no per-record questions about kinds or options.
interface Slot { readonly index: number; readonly key: string; readonly rootPath: string }
interface SentStep extends Slot { readonly normalise: Normalise }
interface DefaultStep extends Slot { readonly value: (scope: Readonly<Scope>, run: Run) => unknown; readonly normalise: Normalise }
interface FormulaStep { readonly key: string; readonly formula: Evaluate; readonly coerce: Coerce }
interface ConditionStep extends Slot { readonly when: Evaluate }
interface AutonumberStep { readonly key: string; readonly parts: readonly AutonumberPart[] }

const CONTEXT_VARS = ['$now', '$user'];

/** Compiles the fields of a record (or of one subtable row) into the function that evaluates them. */
export function compileLevel(fields: readonly Field[], basePath: string, compile: Compile): EvaluateLevel {
  const count = fields.length;
  const keys = fields.map((f) => f.key);
  const known = new Set(keys);
  // Expressions compile field by field, in the order their problems are reported.
  const plans = fields.map((field, index) => {
    const path = pointer(basePath, index);
    const computed = field.kind === 'formula' || field.kind === 'autonumber';
    return {
      field, computed, index, key: field.key, rootPath: pointer('/data', field.key),
      visibleIf: compile(field.visibleIf, pointer(path, 'visibleIf')),
      readOnlyIf: compile(field.readOnlyIf, pointer(path, 'readOnlyIf')),
      defaultValue: defaultValue(field, path, compile),
      formula: field.kind === 'formula' ? compile(field.expr, pointer(path, 'expr')) : undefined,
      normalise: computed ? undefined : prepareNormaliser(field, path, compile),
    };
  });
  type Plan = (typeof plans)[number];
  const slot = (p: Plan): Slot => ({ index: p.index, key: p.key, rootPath: p.rootPath });
  const stored = plans.filter((p) => !p.computed);

  const sent: SentStep[] = stored.map((p) => ({ ...slot(p), normalise: p.normalise as Normalise }));
  const defaults: DefaultStep[] = stored.filter((p) => p.field.default !== undefined)
    .map((p) => ({ ...slot(p), value: p.defaultValue, normalise: p.normalise as Normalise }));
  const formulas: FormulaStep[] = formulaOrder(plans).map((p) => ({
    key: p.key, formula: p.formula as Evaluate, coerce: formulaCoercion((p.field as FieldOf<'formula'>).resultKind),
  }));
  // A formula may carry a condition too: it is judged, though only stored fields lose a hidden value.
  const visibility: ConditionStep[] = plans.filter((p) => p.visibleIf).map((p) => ({ ...slot(p), when: p.visibleIf as Evaluate }));
  const hideable = new Set(stored.filter((p) => p.visibleIf).map((p) => p.key));
  const readOnly: ConditionStep[] = stored.filter((p) => p.readOnlyIf).map((p) => ({ ...slot(p), when: p.readOnlyIf as Evaluate }));
  const required = stored.filter((p) => p.field.required).map(slot);
  const autonumbers: AutonumberStep[] = plans.flatMap(({ field }) => {
    const pattern = field.kind === 'autonumber' ? parseAutonumberPattern(field.pattern) : undefined;
    return pattern?.ok ? [{ key: field.key, parts: pattern.parts }] : [];
  });
  // Cloning a template that already holds every key keeps one object shape for the whole evaluation:
  // adding twenty keys one by one pushes V8 into slow dictionary mode. Absent = `undefined`.
  const blank: Readonly<Scope> = Object.fromEntries([...CONTEXT_VARS, ...keys].map((k) => [k, undefined]));
  // One flag array per level, cleared per evaluation: evaluations never nest within one level.
  const flags = new Uint8Array(count);

  const computeFormulas = (scope: Scope, run: Run): void => {
    for (const step of formulas) {
      let value: unknown;
      try {
        value = step.coerce(step.formula(scope), run.timeZone);
      } catch {
        // A formula over odd data (text where a number was expected) yields no value rather than a failed save.
        value = undefined;
      }
      scope[step.key] = value === null ? undefined : value;
    }
  };

  return (input, previous, dataPath, run, outerScope) => {
    const { problems } = run;
    // Field pointers at the record level are prepared at compile time; rows build theirs.
    const atRoot = dataPath === '/data';
    const scope: Scope = { ...blank };
    for (const key in outerScope) if (hasOwn(outerScope, key) && !known.has(key)) scope[key] = outerScope[key];
    flags.fill(0);

    for (const key in input) {
      if (hasOwn(input, key) && !known.has(key)) problems.push({ path: pointer(dataPath, key), code: 'unknownField', params: { field: key } });
    }
    if (previous) {
      for (const key of keys) if (hasOwn(previous, key) && previous[key] !== null) scope[key] = previous[key];
    }

    // 1. Sent values, checked and normalised. Values sent for computed fields are ignored.
    for (const step of sent) {
      if (!hasOwn(input, step.key)) continue;
      const value = step.normalise(input[step.key], atRoot ? step.rootPath : pointer(dataPath, step.key), problems, run, scope);
      if (value === EMPTY) {
        scope[step.key] = undefined;
        flags[step.index] = SENT;
      } else if (value === INVALID) {
        scope[step.key] = undefined;
        // Refused: not also reported as missing.
        flags[step.index] = SENT | REFUSED;
      } else {
        scope[step.key] = value;
        flags[step.index] = SENT;
      }
    }

    // 2. Defaults, on create only, for fields the input did not mention at all.
    if (run.create) {
      for (const step of defaults) {
        if (flags[step.index] !== 0) continue;
        const value = step.normalise(step.value(scope, run), atRoot ? step.rootPath : pointer(dataPath, step.key), problems, run, scope);
        if (value !== EMPTY && value !== INVALID && value !== undefined) scope[step.key] = value;
      }
    }

    // 3. Computed values, then visibility; a hidden field's sent value is dropped, and formulas are
    //    recomputed when that removed something they may read.
    computeFormulas(scope, run);
    if (visibility.length > 0) {
      // Every condition is judged on the same values before any sent value is dropped.
      for (const step of visibility) if (!truthy(step.when(scope))) flags[step.index] = (flags[step.index] as number) | HIDDEN;
      let dropped = false;
      for (const step of visibility) {
        if (((flags[step.index] as number) & (HIDDEN | SENT)) !== (HIDDEN | SENT) || !hideable.has(step.key)) continue;
        // The sent value goes; a stored value stays as it was.
        scope[step.key] = previous && hasOwn(previous, step.key) && previous[step.key] !== null ? previous[step.key] : undefined;
        dropped = true;
      }
      if (dropped) computeFormulas(scope, run);
    }
    if (run.create && autonumbers.length > 0) assignAutonumbers(autonumbers, scope, run, dataPath);

    // 4. Read-only on update: judged on the stored record, so a patch cannot unlock a field it also edits.
    if (!run.create && previous && readOnly.length > 0) {
      const storedScope = mergeScope(run.contextVars, previous);
      for (const step of readOnly) {
        if (flags[step.index] !== SENT) continue;
        if (truthy(step.when(storedScope)) && !deepEqual(scope[step.key], previous[step.key] ?? undefined)) {
          problems.push({ path: pointer(dataPath, step.key), code: 'readOnly' });
        }
      }
    }

    // 5. Required: empty string, [] and null count as missing; hidden fields are never required.
    for (const step of required) {
      if (scope[step.key] !== undefined || (flags[step.index] as number) & (REFUSED | HIDDEN)) continue;
      problems.push({ path: atRoot ? step.rootPath : pointer(dataPath, step.key), code: 'required' });
    }

    const data: Scope = {};
    for (const key of keys) if (scope[key] !== undefined) data[key] = scope[key];
    return { data, scope };
  };
}

/** A stored field's normaliser; a subtable's is its rows, each evaluated like a record. */
function prepareNormaliser(field: Field, path: string, compile: Compile): Normalise {
  if (field.kind !== 'subtable') return (normalisers[field.kind] as PrepareNormaliser<Field>)(field);
  const evaluateRow = compileLevel(field.fields, pointer(path, 'fields'), compile);
  const { minRows, maxRows } = field;
  return (raw, path, problems, run, scope) => {
    if (!Array.isArray(raw)) return emptyOrWrongType(raw, path, problems, 'array');
    if (raw.length === 0) return EMPTY;
    const before = problems.length;
    if (minRows !== undefined && raw.length < minRows) problems.push({ path, code: 'minRows', params: { limit: minRows } });
    if (maxRows !== undefined && raw.length > maxRows) return problems.push({ path, code: 'maxRows', params: { limit: maxRows } }), INVALID;
    // A row is always new data (no stored row to compare with), so its defaults apply on update too.
    const outer = run as Run;
    const rowRun: Run = outer.create ? outer : { ...outer, create: true };
    const rows = raw.map((row: unknown, i: number) => {
      const rowPath = pointer(path, i);
      if (typeof row !== 'object' || row === null || Array.isArray(row)) return problems.push(typeProblem(rowPath, 'object')), undefined;
      return evaluateRow(row as Scope, undefined, rowPath, rowRun, scope).data;
    });
    return problems.length === before ? rows : INVALID;
  };
}

/** The raw default of a field, before its normaliser: a constant, or an expression over the scope. */
function defaultValue(field: Field, path: string, compile: Compile): DefaultStep['value'] {
  const { default: fallback } = field;
  const expr = isExprDefault(fallback) ? compile(fallback.expr, pointer(pointer(path, 'default'), 'expr')) : undefined;
  const raw: DefaultStep['value'] = expr ? (scope) => expr(scope) : () => fallback;
  if (field.kind !== 'date') return raw;
  // `{"var": "$now"}` as a date default means today in the form's time zone.
  return (scope, run) => {
    const value = raw(scope, run);
    if (typeof value !== 'string' || !value.includes('T')) return value;
    const day = calendarDay(value, run.timeZone);
    return day ? `${day.year}-${day.month}-${day.day}` : value;
  };
}

/** Depth-first order over formula -> formula reads. Validated forms have no cycles; a cycle is cut, not looped. */
function formulaOrder<P extends { readonly key: string; readonly field: Field }>(plans: readonly P[]): P[] {
  const formulas = new Map(plans.filter((p) => p.field.kind === 'formula').map((p) => [p.key, p]));
  const ordered: P[] = [];
  const seen = new Set<string>();
  const visit = (p: P): void => {
    if (seen.has(p.key)) return;
    seen.add(p.key);
    if (p.field.kind === 'formula') for (const dep of logicVars(p.field.expr)) { const d = formulas.get(dep); if (d) visit(d); }
    ordered.push(p);
  };
  formulas.forEach(visit);
  return ordered;
}

function assignAutonumbers(steps: readonly AutonumberStep[], scope: Scope, run: Run, dataPath: string): void {
  for (const step of steps) {
    const seq = run.ctx.autonumbers?.[step.key];
    // No sequence yet (a preview in the browser): the number is assigned when the server saves.
    if (seq === undefined) continue;
    const day = todayOf(run);
    if (!Number.isSafeInteger(seq) || seq < 0 || !day) {
      run.problems.push({ path: pointer(dataPath, step.key), code: 'autonumberMissing' });
      continue;
    }
    scope[step.key] = formatAutonumber(step.parts, day, seq);
  }
}
