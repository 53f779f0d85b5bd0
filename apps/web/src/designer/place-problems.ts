import type { FormDefinition, Problem } from '@tangram/schema';

/** Where a refused draft's problems belong on the designer's screen. */
export interface PlacedDesignProblems {
  /** field key -> problems, each with the property it is about (`options`, `key`, `visibleIf`, or '' for the field). */
  readonly fields: ReadonlyMap<string, readonly { readonly property: string; readonly problem: Problem }[]>;
  readonly sections: ReadonlyMap<string, readonly Problem[]>;
  readonly tabs: ReadonlyMap<string, readonly Problem[]>;
  readonly checks: ReadonlyMap<string, readonly Problem[]>;
  /** About the form itself (its key, its name). */
  readonly form: readonly Problem[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Places `validateForm` problems (JSON pointers into the draft that was sent) on fields, sections, tabs and checks.
 *
 *   placeDesignProblems(form, [{ path: '/fields/2/options/0/value', code: 'minLength' }])
 *     -> fields: { channel: [{ property: 'options', problem }] }
 */
export function placeDesignProblems(form: FormDefinition, problems: readonly Problem[]): PlacedDesignProblems {
  const fields = new Map<string, { property: string; problem: Problem }[]>();
  const sections = new Map<string, Problem[]>();
  const tabs = new Map<string, Problem[]>();
  const checks = new Map<string, Problem[]>();
  const rest: Problem[] = [];
  for (const problem of problems) {
    const [, top, index, property = ''] = problem.path.split('/');
    const i = Number(index);
    const field = top === 'fields' ? form.fields[i] : undefined;
    const section = top === 'layout' ? form.layout?.[i] : undefined;
    const tab = top === 'tabs' ? form.tabs?.[i] : undefined;
    const check = top === 'checks' ? form.checks?.[i] : undefined;
    if (field) push(fields, field.key, { property, problem });
    else if (section) push(sections, section.id, problem);
    else if (tab) push(tabs, tab.id, problem);
    else if (check) push(checks, check.id, problem);
    else rest.push(problem);
  }
  return { fields, sections, tabs, checks, form: rest };
}
