import { createLogic } from '@tangram/logic';
import {
  isExprDefault, logicVars, parseAutonumberPattern, pointer,
  type AutonumberPart, type Field, type FieldKind, type FormCheck, type FormDefinition, type JsonLogic, type Problem,
} from '@tangram/schema';
import { prepareBoolean } from './normalise/boolean';
import { prepareChoice } from './normalise/choice';
import { prepareEmail, prepareUrl } from './normalise/contact';
import { prepareDate } from './normalise/date';
import { prepareFile } from './normalise/file';
import { prepareMoney } from './normalise/money';
import type { Normalise, PrepareNormaliser } from './normalise/normaliser';
import { prepareNumber } from './normalise/number';
import { preparePhone } from './normalise/phone';
import { prepareRating } from './normalise/rating';
import { prepareReference } from './normalise/reference';
import { prepareRegion } from './normalise/region';
import { prepareText } from './normalise/text';

export type Evaluate = (data: unknown) => unknown;

/** The field type of one kind: `FieldOf<'textarea'>` is `TextField`. */
type FieldOf<K extends FieldKind> = Field extends infer F ? (F extends { kind: infer FK } ? (K extends FK ? F : never) : never) : never;

/** Kinds with a sent value to check. Computed kinds (formula, autonumber) and subtables (rows) have none. */
const normalisers = {
  text: prepareText, textarea: prepareText, number: prepareNumber, percent: prepareNumber, money: prepareMoney,
  date: prepareDate, datetime: prepareDate, select: prepareChoice, multiselect: prepareChoice,
  checkbox: prepareBoolean, yesno: prepareBoolean, phone: preparePhone, email: prepareEmail, url: prepareUrl,
  user: prepareReference, orgunit: prepareReference, relation: prepareReference, file: prepareFile,
  rating: prepareRating, region: prepareRegion,
  subtable: null, formula: null, autonumber: null,
} satisfies { [K in FieldKind]: PrepareNormaliser<FieldOf<K>> | null };

export interface CompiledField {
  readonly field: Field;
  readonly key: string;
  /** `/data/<key>`: where problems of this field are located when it sits at the record level. */
  readonly rootPath: string;
  /** Client-sent values are ignored: formulas and autonumbers are never trusted from outside. */
  readonly computed: boolean;
  readonly normalise: Normalise | undefined;
  readonly visibleIf: Evaluate | undefined;
  readonly readOnlyIf: Evaluate | undefined;
  readonly defaultExpr: Evaluate | undefined;
  readonly formula: Evaluate | undefined;
  readonly autonumber: readonly AutonumberPart[] | undefined;
  readonly rows: CompiledLevel | undefined;
}

/** The fields of a record, or of one subtable row. */
export interface CompiledLevel {
  readonly fields: readonly CompiledField[];
  readonly byKey: ReadonlyMap<string, CompiledField>;
  /** Formulas in dependency order, so one formula may read another. */
  readonly formulas: readonly CompiledField[];
  readonly hasReadOnlyIf: boolean;
  readonly hasVisibleIf: boolean;
  readonly hasDefaults: boolean;
  readonly hasAutonumbers: boolean;
  /** `$now`, `$user` and every field key set to `undefined`: the shape each evaluation's scope is cloned from. */
  readonly blank: Readonly<Record<string, undefined>>;
}

export interface CompiledForm {
  readonly level: CompiledLevel;
  readonly checks: readonly { readonly check: FormCheck; readonly when: Evaluate }[];
  /** Expressions that did not compile (an unknown operator): every evaluation reports them. */
  readonly problems: readonly Problem[];
}

// One instance for every form: a per-instance registry, never a global one.
const logic = createLogic();
const cache = new WeakMap<FormDefinition, CompiledForm>();

/** Compiles a validated form once; cached by object identity, so a published version compiles once per process. */
export function compileForm(form: FormDefinition): CompiledForm {
  let compiled = cache.get(form);
  if (!compiled) {
    compiled = buildForm(form);
    cache.set(form, compiled);
  }
  return compiled;
}

function buildForm(form: FormDefinition): CompiledForm {
  const problems: Problem[] = [];
  const compile = (expr: JsonLogic | undefined, path: string): Evaluate | undefined => {
    if (expr === undefined) return undefined;
    try {
      return logic.compile(expr);
    } catch (error) {
      const e = error as { code?: string; path?: string; params?: Record<string, unknown> };
      problems.push({ path: `/form${path}${e.path ?? ''}`, code: e.code ?? 'ERR_LOGIC_INVALID', params: e.params ?? {} });
      return () => null;
    }
  };
  const level = buildLevel(form.fields, '/fields', compile);
  const checks = (form.checks ?? []).map((check, i) => ({ check, when: compile(check.when, `${pointer(pointer('/checks', i), 'when')}`) as Evaluate }));
  return Object.freeze({ level, checks, problems });
}

const CONTEXT_VARS = ['$now', '$user'];

type Compile = (expr: JsonLogic | undefined, path: string) => Evaluate | undefined;

function buildLevel(fields: readonly Field[], basePath: string, compile: Compile): CompiledLevel {
  const compiled = fields.map((field, i): CompiledField => {
    const path = pointer(basePath, i);
    const prepare = normalisers[field.kind] as PrepareNormaliser<Field> | null;
    const pattern = field.kind === 'autonumber' ? parseAutonumberPattern(field.pattern) : undefined;
    return {
      field,
      key: field.key,
      rootPath: pointer('/data', field.key),
      computed: field.kind === 'formula' || field.kind === 'autonumber',
      normalise: prepare?.(field),
      visibleIf: compile(field.visibleIf, pointer(path, 'visibleIf')),
      readOnlyIf: compile(field.readOnlyIf, pointer(path, 'readOnlyIf')),
      defaultExpr: isExprDefault(field.default) ? compile(field.default.expr, pointer(pointer(path, 'default'), 'expr')) : undefined,
      formula: field.kind === 'formula' ? compile(field.expr, pointer(path, 'expr')) : undefined,
      autonumber: pattern?.ok ? pattern.parts : undefined,
      rows: field.kind === 'subtable' ? buildLevel(field.fields, pointer(path, 'fields'), compile) : undefined,
    };
  });
  return {
    fields: compiled,
    byKey: new Map(compiled.map((f) => [f.key, f])),
    formulas: formulaOrder(compiled),
    hasReadOnlyIf: compiled.some((f) => f.readOnlyIf !== undefined),
    hasVisibleIf: compiled.some((f) => f.visibleIf !== undefined),
    hasDefaults: compiled.some((f) => f.field.default !== undefined),
    hasAutonumbers: compiled.some((f) => f.autonumber !== undefined),
    blank: Object.fromEntries([...CONTEXT_VARS, ...compiled.map((f) => f.key)].map((k) => [k, undefined])),
  };
}

/** Depth-first order over formula -> formula reads. Validated forms have no cycles; a cycle is cut, not looped. */
function formulaOrder(fields: readonly CompiledField[]): CompiledField[] {
  const formulas = new Map(fields.filter((f) => f.field.kind === 'formula').map((f) => [f.key, f]));
  const ordered: CompiledField[] = [];
  const seen = new Set<string>();
  const visit = (f: CompiledField): void => {
    if (seen.has(f.key)) return;
    seen.add(f.key);
    if (f.field.kind === 'formula') for (const dep of logicVars(f.field.expr)) { const d = formulas.get(dep); if (d) visit(d); }
    ordered.push(f);
  };
  formulas.forEach(visit);
  return ordered;
}
