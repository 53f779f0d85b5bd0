import type { FormDefinition, Problem } from '@tangram/schema';

export type SubmissionStatus = 'waiting' | 'sending' | 'sent' | 'rejected';

/** Why the server refused a submission, as it said it (already in the user's language when sent). */
export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly errors: readonly Problem[];
}

/** A new record made on this device, waiting in IndexedDB until the server has it. */
export interface QueuedSubmission {
  /** Also the Idempotency-Key: a retry after a lost answer returns the first record, never a second. */
  readonly id: string;
  readonly app: string;
  readonly form: string;
  /** Who made it: sent only while that user is signed in, so a shared phone never files it under someone else. */
  readonly userId: string;
  /** The published form the data was checked against, kept so the entry can be edited offline. */
  readonly definition: FormDefinition;
  readonly body: { readonly data: Readonly<Record<string, unknown>>; readonly confirmedWarnings?: readonly string[] };
  readonly status: SubmissionStatus;
  /** Order of sending: oldest first. */
  readonly queuedAt: string;
  readonly attempts: number;
  /** Not before this instant (backoff after a failed attempt). */
  readonly retryAt: string | null;
  readonly recordId: string | null;
  readonly refusal: Refusal | null;
}
