import { createLogic, truthy, type Evaluate } from '@tangram/logic';
import type { Field, FormDefinition, JsonLogic } from '@tangram/schema';

/** Whether a field is drawn, and whether it can be typed in, for the values on screen now. */
export interface FieldState {
  readonly visible: boolean;
  readonly readOnly: boolean;
}

export interface ConditionContext {
  /** ISO instant for `$now`. */
  readonly now: string;
  readonly user: { readonly id: string | null; readonly orgUnitIds: readonly string[] };
}

// The same language and operators the engine compiles; one instance for the renderer.
const logic = createLogic();
const compiled = new WeakMap<object, Evaluate | null>();

function compile(expr: JsonLogic | undefined): Evaluate | null {
  if (expr === undefined || expr === null) return null;
  if (typeof expr !== 'object') return () => expr;
  let fn = compiled.get(expr);
  if (fn === undefined) {
    try {
      fn = logic.compile(expr);
    } catch {
      // A condition that does not compile is reported by evaluateForm; the field stays as if unconditioned.
      fn = null;
    }
    compiled.set(expr, fn);
  }
  return fn;
}

function holds(expr: JsonLogic | undefined, scope: Readonly<Record<string, unknown>>): boolean | undefined {
  const fn = compile(expr);
  if (!fn) return undefined;
  try {
    return truthy(fn(scope));
  } catch {
    return undefined;
  }
}

/**
 * visibleIf and readOnlyIf of every top-level field for the values in `scope` (the record input, merged
 * over the stored record on edit). Same conditions as the engine, so a hidden field is not asked for.
 *
 *   fieldStates(form, { channel: 'expo' }, ctx) -> { expo_booth: { visible: true, readOnly: false }, … }
 */
export function fieldStates(form: Pick<FormDefinition, 'fields'>, values: Readonly<Record<string, unknown>>, ctx: ConditionContext): Readonly<Record<string, FieldState>> {
  const scope = { ...values, $now: ctx.now, $user: ctx.user };
  const states: Record<string, FieldState> = {};
  for (const field of form.fields) states[field.key] = stateOf(field, scope);
  return Object.freeze(states);
}

function stateOf(field: Field, scope: Readonly<Record<string, unknown>>): FieldState {
  const computed = field.kind === 'formula' || field.kind === 'autonumber';
  return Object.freeze({
    visible: holds(field.visibleIf, scope) ?? true,
    readOnly: computed || (holds(field.readOnlyIf, scope) ?? false),
  });
}
