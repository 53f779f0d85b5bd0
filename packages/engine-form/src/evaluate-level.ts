import { pointer, type Problem } from '@tangram/schema';
import { formatAutonumber } from './autonumber';
import { calendarDay, type CalendarDay } from './calendar';
import type { CompiledField, CompiledLevel } from './compile-form';
import { deepEqual } from './deep-equal';
import { coerceFormulaResult } from './formula-result';
import { INVALID, isEmptyValue, typeProblem } from './normalise/normaliser';
import type { FormContext } from './types';

/** What one evaluation shares across the record and its subtable rows. */
export interface Run {
  readonly ctx: FormContext;
  readonly create: boolean;
  readonly timeZone: string;
  readonly problems: Problem[];
  /** `$now` and `$user`, put into every scope so conditions can read them. */
  readonly contextVars: Readonly<Record<string, unknown>>;
  /** The creation day in the form's time zone, for autonumbers; `null` until first asked (see `todayOf`). */
  today: CalendarDay | undefined | null;
}

/** The creation day, computed at most once per evaluation (Intl formatting is the costly part). */
function todayOf(run: Run): CalendarDay | undefined {
  if (run.today === null) run.today = calendarDay(run.ctx.now, run.timeZone);
  return run.today;
}

// Per-field state of one evaluation, as bits: cheaper than Sets of keys on a path that runs per record.
const SENT = 1;
const REFUSED = 2;
const HIDDEN = 4;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const truthy = (v: unknown): boolean => !(Array.isArray(v) && v.length === 0) && Boolean(v);

/**
 * `{...a, ...b}` with a wide `b` takes a slow path in V8 (~100x a plain loop, measured on Node 20);
 * this is the engine's hot path, so scopes are merged by hand.
 */
export function mergeScope(base: Readonly<Record<string, unknown>>, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const key in values) if (hasOwn(values, key)) merged[key] = values[key];
  return merged;
}

export interface LevelResult {
  /** The stored data of this level's fields. */
  readonly data: Record<string, unknown>;
  /** What conditions read: context vars, outer values and this level's final values. */
  readonly scope: Readonly<Record<string, unknown>>;
}

/**
 * Evaluates one level (the record, or one subtable row) and returns its stored data.
 * `scope` is the working object conditions read: it starts with the context vars and, for a row, the
 * parent record's values; the row's own keys shadow the parent's. Only this level's fields are returned.
 */
export function evaluateLevel(
  level: CompiledLevel,
  input: Readonly<Record<string, unknown>>,
  previous: Readonly<Record<string, unknown>> | undefined,
  dataPath: string,
  run: Run,
  outerScope: Readonly<Record<string, unknown>>,
): LevelResult {
  const { problems } = run;
  const fields = level.fields;
  const count = fields.length;
  // Field pointers at the record level are prepared at compile time; rows build theirs.
  const atRoot = dataPath === '/data';
  // Cloning a template that already holds every key keeps one object shape for the whole evaluation:
  // adding twenty keys one by one pushes V8 into slow dictionary mode. Absent = `undefined`.
  const scope: Record<string, unknown> = { ...level.blank };
  for (const key in outerScope) if (hasOwn(outerScope, key) && !level.byKey.has(key)) scope[key] = outerScope[key];
  const flags = new Uint8Array(count);

  for (const key in input) {
    if (hasOwn(input, key) && !level.byKey.has(key)) problems.push({ path: pointer(dataPath, key), code: 'unknownField', params: { field: key } });
  }
  if (previous) {
    for (const f of fields) if (hasOwn(previous, f.key) && previous[f.key] !== null) scope[f.key] = previous[f.key];
  }

  // 1. Sent values, checked and normalised. Values sent for computed fields are ignored.
  for (let i = 0; i < count; i++) {
    const f = fields[i] as CompiledField;
    if (!hasOwn(input, f.key)) continue;
    flags[i] = SENT;
    if (f.computed) continue;
    const raw = input[f.key];
    if (isEmptyValue(raw)) {
      scope[f.key] = undefined;
      continue;
    }
    const path = atRoot ? f.rootPath : pointer(dataPath, f.key);
    const value = f.rows ? evaluateRows(f, raw, path, run, scope) : (f.normalise as NonNullable<CompiledField['normalise']>)(raw, path, problems);
    if (value === INVALID) {
      scope[f.key] = undefined;
      // Refused: not also reported as missing.
      flags[i] = SENT | REFUSED;
    } else {
      scope[f.key] = value;
    }
  }

  // 2. Defaults, on create only, for fields the input did not mention at all.
  if (run.create && level.hasDefaults) {
    for (let i = 0; i < count; i++) {
      const f = fields[i] as CompiledField;
      if (f.computed || flags[i] !== 0 || f.field.default === undefined) continue;
      const raw = f.defaultExpr ? f.defaultExpr(scope) : f.field.default;
      const value = normaliseDefault(f, raw, atRoot ? f.rootPath : pointer(dataPath, f.key), run, scope);
      if (value !== undefined) scope[f.key] = value;
    }
  }

  // 3. Computed values, then visibility; a hidden field's sent value is dropped, and formulas are
  //    recomputed when that removed something they may read.
  computeFormulas(level, scope, run);
  if (level.hasVisibleIf) {
    // Every condition is judged on the same values before any sent value is dropped.
    let anyHidden = false;
    for (let i = 0; i < count; i++) {
      const f = fields[i] as CompiledField;
      if (f.visibleIf && !truthy(f.visibleIf(scope))) {
        flags[i] = (flags[i] as number) | HIDDEN;
        anyHidden = true;
      }
    }
    let dropped = false;
    for (let i = 0; anyHidden && i < count; i++) {
      const f = fields[i] as CompiledField;
      if (((flags[i] as number) & (HIDDEN | SENT)) !== (HIDDEN | SENT) || f.computed) continue;
      // The sent value goes; a stored value stays as it was.
      if (previous && hasOwn(previous, f.key) && previous[f.key] !== null) scope[f.key] = previous[f.key];
      else scope[f.key] = undefined;
      dropped = true;
    }
    if (dropped) computeFormulas(level, scope, run);
  }
  if (run.create && level.hasAutonumbers) assignAutonumbers(level, scope, run, dataPath);

  // 4. Read-only on update: judged on the stored record, so a patch cannot unlock a field it also edits.
  if (!run.create && previous && level.hasReadOnlyIf) {
    const stored = mergeScope(run.contextVars, previous);
    for (let i = 0; i < count; i++) {
      const f = fields[i] as CompiledField;
      if (!f.readOnlyIf || f.computed || flags[i] !== SENT) continue;
      if (truthy(f.readOnlyIf(stored)) && !deepEqual(scope[f.key], previous[f.key] ?? undefined)) {
        problems.push({ path: pointer(dataPath, f.key), code: 'readOnly' });
      }
    }
  }

  // 5. Required: empty string, [] and null count as missing; hidden fields are never required.
  for (let i = 0; i < count; i++) {
    const f = fields[i] as CompiledField;
    if (!f.field.required || f.computed || scope[f.key] !== undefined || (flags[i] as number) & (REFUSED | HIDDEN)) continue;
    problems.push({ path: atRoot ? f.rootPath : pointer(dataPath, f.key), code: 'required' });
  }

  const data: Record<string, unknown> = {};
  for (const f of fields) if (scope[f.key] !== undefined) data[f.key] = scope[f.key];
  return { data, scope };
}

function evaluateRows(f: CompiledField, raw: unknown, path: string, run: Run, scope: Readonly<Record<string, unknown>>): unknown {
  const { problems } = run;
  if (!Array.isArray(raw)) return problems.push(typeProblem(path, 'array')), INVALID;
  const before = problems.length;
  const field = f.field.kind === 'subtable' ? f.field : undefined;
  if (field?.minRows !== undefined && raw.length < field.minRows) problems.push({ path, code: 'minRows', params: { limit: field.minRows } });
  if (field?.maxRows !== undefined && raw.length > field.maxRows) return problems.push({ path, code: 'maxRows', params: { limit: field.maxRows } }), INVALID;
  // A row is always new data (no stored row to compare with), so its defaults apply on update too.
  const rowRun: Run = run.create ? run : { ...run, create: true };
  const rows = raw.map((row: unknown, i: number) => {
    const rowPath = pointer(path, i);
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return problems.push(typeProblem(rowPath, 'object')), undefined;
    return evaluateLevel(f.rows!, row as Record<string, unknown>, undefined, rowPath, rowRun, scope).data;
  });
  return problems.length === before ? rows : INVALID;
}

function normaliseDefault(f: CompiledField, raw: unknown, path: string, run: Run, scope: Readonly<Record<string, unknown>>): unknown {
  if (isEmptyValue(raw)) return undefined;
  // `{"var": "$now"}` as a date default means today in the form's time zone.
  if (f.field.kind === 'date' && typeof raw === 'string' && raw.includes('T')) {
    const day = calendarDay(raw, run.timeZone);
    if (day) raw = `${day.year}-${day.month}-${day.day}`;
  }
  const value = f.rows ? evaluateRows(f, raw, path, run, scope) : f.normalise?.(raw, path, run.problems);
  return value === INVALID ? undefined : value;
}

function computeFormulas(level: CompiledLevel, scope: Record<string, unknown>, run: Run): void {
  for (const f of level.formulas) {
    if (f.field.kind !== 'formula' || !f.formula) continue;
    let value: unknown;
    try {
      value = coerceFormulaResult(f.field.resultKind, f.formula(scope), run.timeZone);
    } catch {
      // A formula over odd data (text where a number was expected) yields no value rather than a failed save.
      value = undefined;
    }
    scope[f.key] = value === null ? undefined : value;
  }
}

function assignAutonumbers(level: CompiledLevel, scope: Record<string, unknown>, run: Run, dataPath: string): void {
  for (const f of level.fields) {
    if (!f.autonumber) continue;
    const seq = run.ctx.autonumbers?.[f.key];
    // No sequence yet (a preview in the browser): the number is assigned when the server saves.
    if (seq === undefined) continue;
    const day = todayOf(run);
    if (!Number.isSafeInteger(seq) || seq < 0 || !day) {
      run.problems.push({ path: pointer(dataPath, f.key), code: 'autonumberMissing' });
      continue;
    }
    scope[f.key] = formatAutonumber(f.autonumber, day, seq);
  }
}
