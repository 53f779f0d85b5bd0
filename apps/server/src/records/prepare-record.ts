/**
 * Steps 1–2 of one write (DESIGN.md "One write, end to end"), for one record of a create or a batch:
 * fields the caller may not write -> 403 problems; owner and org unit the caller may not assign -> 403;
 * then the form engine normalises the data (defaults, formulas, auto-numbers) or lists every problem.
 * Nothing is stored here; the route stores what comes out.
 */
import type { Problem, User } from '@tangram/schema';
import type { FormAccess, NewRecord } from '@tangram/store';
import { forbiddenWrites } from './field-access';
import { evaluateForm, type FormWarning } from './form-engine';
import type { PublishedForm } from './published-forms';

export interface RecordInput {
  readonly data: Readonly<Record<string, unknown>>;
  readonly ownerId?: string;
  readonly orgUnitId?: string;
  readonly confirmedWarnings?: readonly string[];
}

export type PreparedRecord =
  | { readonly ok: true; readonly record: NewRecord; readonly warnings: readonly FormWarning[] }
  | { readonly ok: false; readonly forbidden: readonly Problem[]; readonly invalid: readonly Problem[]; readonly warnings: readonly FormWarning[] };

/** Checks that need no form evaluation: field rules, value rules, who may own the record. */
export function checkRecordPermissions(access: FormAccess, user: User, input: RecordInput, basePath: string): Problem[] {
  const problems = forbiddenWrites(access, input.data, `${basePath}/data`);
  const mayAssign = user.isAdmin || access.actions.has('assign');
  if (input.ownerId !== undefined && input.ownerId !== user.id && !mayAssign) {
    problems.push({ path: `${basePath}/ownerId`, code: 'ERR_FORBIDDEN', params: { field: 'ownerId' } });
  }
  const ownUnits = access.user?.orgUnitIds ?? [];
  if (input.orgUnitId !== undefined && !ownUnits.includes(input.orgUnitId) && !mayAssign) {
    problems.push({ path: `${basePath}/orgUnitId`, code: 'ERR_FORBIDDEN', params: { field: 'orgUnitId' } });
  }
  return problems;
}

export function prepareNewRecord(options: {
  readonly access: FormAccess;
  readonly user: User;
  readonly form: PublishedForm;
  readonly input: RecordInput;
  readonly basePath: string;
  readonly now: Date;
  readonly autonumbers: Readonly<Record<string, number>>;
  readonly idempotencyKey?: string;
}): PreparedRecord {
  const { access, user, form, input, basePath } = options;
  const forbidden = checkRecordPermissions(access, user, input, basePath);
  if (forbidden.length > 0) return { ok: false, forbidden, invalid: [], warnings: [] };
  const orgUnitIds = access.user?.orgUnitIds ?? [];
  // Engine paths are relative to the record input (`/data/phone`, `/confirmedWarnings`).
  const result = evaluateForm(form.definition, input.data, {
    mode: 'create',
    now: options.now,
    user: { id: user.id, orgUnitIds },
    autonumbers: options.autonumbers,
    ...(input.confirmedWarnings ? { confirmedWarnings: input.confirmedWarnings } : {}),
  });
  if (!result.ok) {
    return { ok: false, forbidden: [], invalid: result.problems.map((p) => ({ ...p, path: `${basePath}${p.path}` })), warnings: result.warnings.map((w) => ({ ...w, path: `${basePath}${w.path}` })) };
  }
  return {
    ok: true,
    warnings: result.warnings,
    record: {
      data: result.data,
      ownerId: input.ownerId ?? user.id,
      orgUnitId: input.orgUnitId ?? orgUnitIds[0] ?? null,
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    },
  };
}

