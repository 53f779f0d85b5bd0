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
import { evaluateForm } from '../records/form-engine';
import { checkFileRefs } from '../files/file-refs';
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
  // A visitor has no uploads of their own: any file value names someone else's file.
  const files = await checkFileRefs(app.store, { app: publicForm.app, form: form.definition, data: typed, basePath: '/data', userId: null, recordId: null });
  if (files.problems.length > 0) throw new ApiError('ERR_RECORD_INVALID', { errors: files.problems });
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

  const duplicate = settings.duplicate
    ? { field: settings.duplicate.field, since: new Date(app.now().getTime() - settings.duplicate.days * 24 * 60 * 60 * 1000) }
    : null;
  const stored = await app.store.publicForms.submit(PUBLIC_ACTOR, publicFormAccess(publicForm.app, publicForm.form), form.version, {
    data: result.data,
    ownerId: settings.ownerId,
    orgUnitId: settings.orgUnitId,
  }, duplicate);
  return stored.kind === 'created' ? { kind: 'created', recordId: stored.record.id } : stored;
}

function warnCheckIds(form: FormDefinition): string[] {
  return (form.checks ?? []).filter((c) => c.severity === 'warn').map((c) => c.id);
}

/** `/data/channel` -> `channel`. */
function fieldOf(path: string): string | null {
  const match = /^\/data\/([^/]+)/.exec(path);
  return match ? match[1]! : null;
}
