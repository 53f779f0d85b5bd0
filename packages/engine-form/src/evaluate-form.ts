import type { FormDefinition, Problem } from '@tangram/schema';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from './calendar';
import { compileForm } from './compile-form';
import type { Run } from './compile-level';
import type { FormContext, FormResult, Warning } from './types';

const truthy = (v: unknown): boolean => !(Array.isArray(v) && v.length === 0) && Boolean(v);
const NO_PREVIOUS: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * Checks, normalises and completes one write to a form. Pure: the clock, user, sequences and stored
 * record come in through `ctx`. The browser runs it for instant feedback; the server runs it to decide.
 *
 *   evaluateForm(form, { name: " Ann ", budget: 1200.5 }, { mode: 'create', now, user })
 *     -> { ok: true, data: { name: "Ann", budget: "1200.50", code: "KH-20250302-0007" }, warnings: [] }
 *   evaluateForm(form, { budget: "abc", nick: "x" }, ctx)
 *     -> { ok: false, problems: [{ path: "/data/nick", code: "unknownField" }, { path: "/data/budget", code: "invalidNumber" }, …] }
 *
 * On update `input` is a patch over `ctx.previous` and `data` is the whole record after the patch.
 * A `warn` check that holds and is not in `ctx.confirmedWarnings` makes the result `ok: false` with a
 * `warningNotConfirmed` problem at `/confirmedWarnings`; the UI shows `warnings` and resends with their ids.
 */
export function evaluateForm(form: FormDefinition, input: Record<string, unknown>, ctx: FormContext): FormResult {
  const compiled = compileForm(form);
  const problems: Problem[] = compiled.problems.length === 0 ? [] : compiled.problems.slice();
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ path: '/data', code: 'type', params: { expected: 'object' } }], warnings: [] };
  }
  const timeZone = ctx.timeZone ?? DEFAULT_TIME_ZONE;
  if (timeZone !== DEFAULT_TIME_ZONE && !isValidTimeZone(timeZone)) problems.push({ path: '/context/timeZone', code: 'invalid', params: { value: timeZone } });
  const validZone = problems.length === compiled.problems.length ? timeZone : DEFAULT_TIME_ZONE;
  // A plain object, no closures: this runs once per record, and every closure costs an allocation.
  const run: Run = {
    ctx,
    create: ctx.mode === 'create',
    timeZone: validZone,
    problems,
    contextVars: { $now: ctx.now, $user: ctx.user },
    today: null,
  };
  const previous = ctx.mode === 'update' ? ctx.previous ?? NO_PREVIOUS : undefined;
  const { data, scope } = compiled.evaluate(input, previous, '/data', run, run.contextVars);

  const warnings: Warning[] = [];
  if (compiled.checks.length > 0) {
    for (const { check, when, fields, path } of compiled.checks) {
      if (!truthy(when(scope))) continue;
      if (check.severity === 'block') {
        problems.push({ path, code: 'check', params: { checkId: check.id, message: check.message, fields } });
      } else if (!ctx.confirmedWarnings?.includes(check.id)) {
        warnings.push({ checkId: check.id, path, message: check.message, fields });
      }
    }
    if (warnings.length > 0) {
      problems.push({ path: '/confirmedWarnings', code: 'warningNotConfirmed', params: { checks: warnings.map((w) => w.checkId) } });
    }
  }
  return problems.length === 0 ? { ok: true, data, warnings } : { ok: false, problems, warnings };
}
