/**
 * The form engine as the server calls it: the clock is passed as an ISO instant (engines read no clock).
 */
import { evaluateForm as evaluate, type FormResult, type Warning } from '@tangram/engine-form';
import type { FormDefinition } from '@tangram/schema';

export type FormWarning = Warning;
export type { FormResult };

export interface ServerFormContext {
  readonly mode: 'create' | 'update';
  readonly previous?: Readonly<Record<string, unknown>>;
  readonly now: Date;
  readonly user: { readonly id: string; readonly orgUnitIds: readonly string[] };
  readonly autonumbers?: Readonly<Record<string, number>>;
  readonly confirmedWarnings?: readonly string[];
}

export function evaluateForm(form: FormDefinition, input: Readonly<Record<string, unknown>>, ctx: ServerFormContext): FormResult {
  return evaluate(form, input, { ...ctx, now: ctx.now.toISOString() });
}
