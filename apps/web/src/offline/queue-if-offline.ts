import type { FormDefinition } from '@tangram/schema';
import { isApiError } from '../api/api-error';
import { CLIENT_ERROR_CODES } from '../api/api-error';
import { deviceOutbox } from './device-outbox';
import type { QueuedSubmission } from './outbox-types';

/** Whether a failed create never reached the server (so it can wait on the device instead of being lost). */
export function isNetworkFailure(error: unknown): boolean {
  return isApiError(error) && error.code === CLIENT_ERROR_CODES.network;
}

/**
 * The create form's hand-off: with no network, a record the form engine accepted is queued on the device
 * and sent later with its idempotency key. Returns the queued entry, or null when the caller should send now.
 */
export async function queueIfOffline(userId: string, app: string, form: string, definition: FormDefinition, body: QueuedSubmission['body'], failure?: unknown): Promise<QueuedSubmission | null> {
  const offline = !navigator.onLine || (failure !== undefined && isNetworkFailure(failure));
  if (!offline) return null;
  return deviceOutbox.enqueue({ userId, app, form, definition, body });
}

export const OUTBOX_PATH = '/outbox';
