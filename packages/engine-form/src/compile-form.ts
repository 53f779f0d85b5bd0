import { createLogic } from '@tangram/logic';
import { pointer, type FormCheck, type FormDefinition, type JsonLogic, type Problem } from '@tangram/schema';
import { compileLevel, type Evaluate, type EvaluateLevel } from './compile-level';

/** One form check, with where its problem or warning is shown decided at compile time. */
export interface CompiledCheck {
  readonly check: FormCheck;
  readonly when: Evaluate;
  readonly fields: readonly string[];
  /** `/data/<first field of the check>` or `/data`. */
  readonly path: string;
}

export interface CompiledForm {
  /** Evaluates the record's fields (and, through them, subtable rows). */
  readonly evaluate: EvaluateLevel;
  readonly checks: readonly CompiledCheck[];
  /** Expressions that did not compile (an unknown operator): every evaluation reports them. */
  readonly problems: readonly Problem[];
}

// One instance for every form: a per-instance registry, never a global one.
const logic = createLogic();
const cache = new WeakMap<FormDefinition, CompiledForm>();
const NO_FIELDS: readonly string[] = Object.freeze([]);

/**
 * Compiles a validated form once into prepared steps per field (normaliser, the validators its options
 * ask for, its conditions, default and formula); cached by object identity, so a published version
 * compiles once per process.
 */
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
  const evaluate = compileLevel(form.fields, '/fields', compile);
  const checks = (form.checks ?? []).map((check, i): CompiledCheck => {
    const fields = check.fields ?? NO_FIELDS;
    return {
      check,
      when: compile(check.when, `${pointer(pointer('/checks', i), 'when')}`) as Evaluate,
      fields,
      path: fields.length > 0 ? pointer('/data', fields[0] as string) : '/data',
    };
  });
  return Object.freeze({ evaluate, checks, problems });
}
