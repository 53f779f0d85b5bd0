import type { FormAction, User } from '@tangram/schema';
import type { FormAccess, RecordsRepository } from '@tangram/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { currentUser } from '../plugins/auth';
import type { PublishedForm, PublishedForms } from './published-forms';

export interface RecordAccess {
  readonly user: User;
  readonly access: FormAccess;
  readonly records: RecordsRepository;
  /** The latest published version of the form. */
  readonly form: PublishedForm;
}

/**
 * Resolves what the caller may do in one form and refuses the action up front. Rows outside the caller's
 * scope are the store's business (they are simply not found); this answers "may they do this at all".
 */
export async function requireFormAction(app: FastifyInstance, forms: PublishedForms, request: FastifyRequest, appKey: string, formKey: string, action: FormAction): Promise<RecordAccess> {
  const user = currentUser(request);
  // Both lookups at once (one round trip of latency on PostgreSQL); access is judged first, so a caller
  // with no access learns nothing about the form, not even whether it is published.
  const [resolved, latest] = await Promise.allSettled([
    app.store.identity.resolveAccess(user, appKey, formKey),
    forms.latest(appKey, formKey),
  ]);
  if (resolved.status === 'rejected') throw resolved.reason;
  const access = resolved.value;
  // No action at all: the form does not exist as far as this caller is concerned.
  if (access.actions.size === 0) throw new ApiError('ERR_NOT_FOUND', { params: { app: appKey, form: formKey } });
  if (!access.actions.has(action)) throw new ApiError('ERR_FORBIDDEN', { params: { action } });
  // Unknown form -> 404, a form never published -> 409 ERR_NOT_PUBLISHED, before any record is looked at.
  if (latest.status === 'rejected') throw latest.reason;
  const form = latest.value;
  return { user, access, form, records: app.store.records(appKey, formKey) };
}
