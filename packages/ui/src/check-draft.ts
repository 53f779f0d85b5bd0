import { evaluateForm, type Warning } from '@tangram/engine-form';
import type { FormDefinition, Problem } from '@tangram/schema';
import type { ConditionContext } from './field-states';

export interface DraftCheck {
  /** Problems that refuse the record (required, formats, block checks). */
  readonly problems: readonly Problem[];
  /** Warn checks that hold and were not confirmed yet. */
  readonly warnings: readonly Warning[];
}

/**
 * Runs the form engine the server runs over what is about to be sent, so the browser shows the same
 * problems before sending. Uniqueness and auto-numbers need the database: the server checks those.
 *
 *   checkDraft(form, { phone: '123' }, { mode: 'create', now, user })
 *     -> { problems: [{ path: '/data/phone', code: 'invalidPhone' }], warnings: [] }
 */
export function checkDraft(
  form: FormDefinition,
  input: Record<string, unknown>,
  ctx: ConditionContext & { readonly mode: 'create' | 'update'; readonly previous?: Readonly<Record<string, unknown>>; readonly confirmedWarnings?: readonly string[] },
): DraftCheck {
  const result = evaluateForm(form, input, ctx);
  const problems = result.ok ? [] : result.problems.filter((problem) => problem.code !== 'warningNotConfirmed');
  return Object.freeze({ problems: Object.freeze(problems), warnings: result.warnings });
}
