/**
 * One anonymous submission of a public form, from what the visitor sent to what is stored:
 * honeypot -> only shown fields from `data`, only allow-listed hidden fields from `params` -> the form
 * engine (the same checks as the workspace) -> the duplicate window -> a record owned by the configured
 * owner, written by the public actor. Nothing here trusts the browser: a hidden value arrives only through
 * the allow-list and is checked like any other value.
 */
import { autonumberFieldKeys } from '@tangram/engine-form';
import type { FormDefinition } from '@tangram/schema';
import { publicFormAccess, type Actor, type PublicForm } from '@tangram/store';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors';
import { evaluateForm, type FormResult } from '../records/form-engine';
import type { PublishedForms } from '../records/published-forms';

export interface SubmissionInput {
  readonly data: Readonly<Record<string, unknown>>;
  /** The page's URL parameters, as the browser saw them. Only allow-listed keys are read. */
  readonly params?: Readonly<Record<string, string>>;
  /** The honeypot: a field people never see; only robots fill it. */
  readonly website?: string;
}

export type SubmissionOutcome =
  | { readonly kind: 'created'; readonly recordId: string }
  | { readonly kind: 'resubmitted'; readonly recordId: string }
  | { readonly kind: 'honeypot' };

export const PUBLIC_ACTOR: Actor = Object.freeze({ userId: null, via: 'public' });

export async function submitPublicForm(app: FastifyInstance, forms: PublishedForms, publicForm: PublicForm, input: SubmissionInput): Promise<SubmissionOutcome> {
  // Answered like a success so a robot learns nothing; nothing is stored.
  if (input.website !== undefined && input.website.trim() !== '') return { kind: 'honeypot' };
  const { settings } = publicForm;
  const form = await forms.latest(publicForm.app, publicForm.form);
  const shown = new Set(settings.fields);
  const typed = Object.fromEntries(Object.entries(input.data).filter(([key]) => shown.has(key)));
  const prefilled = Object.fromEntries(
    settings.prefill
      .filter((key) => !(key in typed) && typeof input.params?.[key] === 'string' && input.params[key]!.trim() !== '')
      .map((key) => [key, input.params![key]!.trim()]),
  );

  const autoFields = autonumberFieldKeys(form.definition);
  const firsts = await Promise.all(autoFields.map((field) => app.store.nextSequence(publicForm.app, publicForm.form, field, 1)));
  const evaluate = (data: Record<string, unknown>) => evaluateForm(form.definition, data, {
    mode: 'create',
    now: app.now(),
    user: { id: settings.ownerId ?? '', orgUnitIds: settings.orgUnitId ? [settings.orgUnitId] : [] },
    autonumbers: Object.fromEntries(autoFields.map((field, i) => [field, firsts[i]!])),
    // A visitor is not asked to confirm warnings: they are advice for the staff who follow the lead up.
    confirmedWarnings: warnCheckIds(form.definition),
  });

  let result = evaluate({ ...prefilled, ...typed });
  if (!result.ok) {
    // A link parameter the form refuses (`?channel=tv` with no such option) is dropped, not shown to a
    // visitor who cannot change it; the record is stored without it.
    const refused = new Set(result.problems.map((p) => fieldOf(p.path)).filter((key): key is string => key !== null && key in prefilled));
    if (refused.size > 0) {
      result = evaluate({ ...Object.fromEntries(Object.entries(prefilled).filter(([key]) => !refused.has(key))), ...typed });
    }
  }
  if (!result.ok) throw new ApiError('ERR_RECORD_INVALID', { errors: result.problems });

  const access = publicFormAccess(publicForm.app, publicForm.form);
  const records = app.store.records(publicForm.app, publicForm.form);
  const duplicate = await findDuplicate(app, publicForm, result);
  if (duplicate) {
    const diff = Object.fromEntries(
      Object.entries(result.data)
        .filter(([key, value]) => JSON.stringify(value ?? null) !== JSON.stringify(duplicate.data[key] ?? null))
        .map(([key, value]) => [key, [duplicate.data[key] ?? null, value] as const]),
    );
    await app.store.publicForms.recordResubmission(PUBLIC_ACTOR, access, duplicate.id, diff);
    return { kind: 'resubmitted', recordId: duplicate.id };
  }
  const created = await records.create(PUBLIC_ACTOR, access, form.version, {
    data: result.data,
    ownerId: settings.ownerId,
    orgUnitId: settings.orgUnitId,
  });
  return { kind: 'created', recordId: created.id };
}

/** The newest live record with the same value of the duplicate field, if it is inside the window. */
async function findDuplicate(app: FastifyInstance, publicForm: PublicForm, result: Extract<FormResult, { ok: true }>) {
  const rule = publicForm.settings.duplicate;
  const value = rule ? result.data[rule.field] : undefined;
  if (!rule || value === undefined || value === null || value === '') return null;
  const access = publicFormAccess(publicForm.app, publicForm.form);
  const page = await app.store.records(publicForm.app, publicForm.form).list(access, {
    filter: { '==': [{ var: rule.field }, value as string] },
    sort: [{ field: 'createdAt', direction: 'desc' }],
    limit: 1,
  });
  const newest = page.items[0];
  if (!newest) return null;
  const since = app.now().getTime() - rule.days * 24 * 60 * 60 * 1000;
  return new Date(newest.createdAt).getTime() >= since ? newest : null;
}

function warnCheckIds(form: FormDefinition): string[] {
  return (form.checks ?? []).filter((c) => c.severity === 'warn').map((c) => c.id);
}

/** `/data/channel` -> `channel`. */
function fieldOf(path: string): string | null {
  const match = /^\/data\/([^/]+)/.exec(path);
  return match ? match[1]! : null;
}
