import type { Locale, Problem } from '@tangram/schema';
import type { QueuedSubmission, Refusal } from './outbox-types';

export type SendOutcome =
  | { readonly kind: 'sent'; readonly recordId: string }
  | { readonly kind: 'rejected'; readonly refusal: Refusal }
  /** No answer, a server failure, a rate limit or an ended session: try again later, unchanged. */
  | { readonly kind: 'retry' };

/** Answers that will not change by sending the same thing again. 401 (sign in again), 408 and 429 will. */
const isFinalRefusal = (status: number) => status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;

/**
 * Sends one queued record with its idempotency key. A 201 is the new record; a 200 with
 * `Idempotent-Replayed` is the record an earlier attempt already made (its answer was lost).
 */
export async function sendSubmission(entry: QueuedSubmission, locale: Locale): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(`/api/apps/${encodeURIComponent(entry.app)}/forms/${encodeURIComponent(entry.form)}/records`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json', 'accept-language': locale, 'idempotency-key': entry.id },
      body: JSON.stringify(entry.body),
    });
  } catch {
    return { kind: 'retry' };
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok && body && typeof body.id === 'string') return { kind: 'sent', recordId: body.id };
  if (!isFinalRefusal(response.status)) return { kind: 'retry' };
  const errors = Array.isArray(body?.errors) ? (body.errors as Problem[]).filter((p) => p && typeof p.path === 'string' && typeof p.code === 'string') : [];
  return {
    kind: 'rejected',
    refusal: {
      status: response.status,
      code: typeof body?.code === 'string' ? body.code : `ERR_HTTP_${response.status}`,
      detail: typeof body?.detail === 'string' ? body.detail : undefined,
      errors,
    },
  };
}
