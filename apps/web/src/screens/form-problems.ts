import type { Problem } from '@tangram/schema';

/**
 * Splits server problems into the ones a field of this form shows and the rest.
 * fieldProblems([{ path: '/email', code: 'format' }], ['email']) -> { byField: { email: {…} }, rest: [] }
 */
export function fieldProblems<F extends string>(problems: readonly Problem[], fields: readonly F[]) {
  const byField: Partial<Record<F, Problem>> = {};
  const rest: Problem[] = [];
  for (const problem of problems) {
    const name = problem.path.replace(/^\/(body\/)?/, '').split('/')[0] as F;
    if (fields.includes(name) && !byField[name]) byField[name] = problem;
    else rest.push(problem);
  }
  return { byField, rest };
}
