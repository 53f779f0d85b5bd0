import type { Problem } from '@tangram/schema';

/** Problems sorted by where they are shown: next to a field (by its path under `/data`), or above the form. */
export interface PlacedProblems {
  /** `phone`, or `items/0/qty` for a subtable cell; the first problem of each path. */
  readonly byPath: Readonly<Record<string, Problem>>;
  readonly general: readonly Problem[];
}

const unescape = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * Places problems from the engine or a 422/403 answer. Paths may be `/data/phone` (engine, server) or
 * `/body/data/phone`; anything not under `/data/<known field>` is general.
 *
 *   placeProblems([{ path: '/data/phone', code: 'invalidPhone' }, { path: '', code: 'x' }], ['phone'])
 *     -> { byPath: { phone: {…} }, general: [{ path: '', code: 'x' }] }
 */
export function placeProblems(problems: readonly Problem[], fieldKeys: readonly string[]): PlacedProblems {
  const byPath: Record<string, Problem> = {};
  const general: Problem[] = [];
  const known = new Set(fieldKeys);
  for (const problem of problems) {
    // The engine's "confirm the warnings" problem is answered by the confirmation panel, not shown as an error.
    if (problem.code === 'warningNotConfirmed') continue;
    const match = /^(?:\/body)?\/data\/(.+)$/.exec(problem.path);
    const segments = match ? (match[1] as string).split('/').map(unescape) : [];
    if (segments.length > 0 && known.has(segments[0] as string)) {
      const path = segments.join('/');
      if (!byPath[path]) byPath[path] = problem;
      // A block check naming several fields marks each of them.
      const fields = problem.code === 'check' && Array.isArray(problem.params?.fields) ? (problem.params.fields as unknown[]) : [];
      for (const field of fields) if (typeof field === 'string' && known.has(field) && !byPath[field]) byPath[field] = problem;
    } else general.push(problem);
  }
  return Object.freeze({ byPath: Object.freeze(byPath), general: Object.freeze(general) });
}
