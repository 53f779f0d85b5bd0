/**
 * The websocket protocol: JSON text frames.
 *   client -> server  {"type":"subscribe","topic":"form:crm/lead"}   {"type":"unsubscribe","topic":"form:crm/lead"}
 *   server -> client  {"type":"subscribed","topic":…}  {"type":"unsubscribed","topic":…}
 *                     {"type":"event","topic":…,"data":…}
 *                     {"type":"error","topic":…,"code":"ERR_FORBIDDEN","message":"…"}  (message in the caller's language)
 *                     {"type":"resync"}  (events may have been missed: refetch what is shown)
 */
import type { RecordChange } from '@tangram/store';
import { MAX_TOPIC_LENGTH } from './topics';

export interface ClientMessage {
  readonly type: 'subscribe' | 'unsubscribe';
  readonly topic: string;
}

/** One record's change, as events carry it: never field values, the client refetches what it shows. */
export interface ChangedRecord {
  readonly id: string;
  readonly kind: RecordChange;
  /** The record's version after the change, when known. */
  readonly version: number | null;
}

/** `form:` topic event data: the changes the subscriber may see; `refetch` when some could not be listed. */
export interface FormEventData {
  readonly changes: readonly ChangedRecord[];
  readonly refetch: boolean;
}

export type ServerMessage =
  | { readonly type: 'subscribed' | 'unsubscribed'; readonly topic: string }
  | { readonly type: 'event'; readonly topic: string; readonly data: unknown }
  | { readonly type: 'error'; readonly topic?: string; readonly code: string; readonly message: string; readonly path?: string }
  | { readonly type: 'resync' };

/** What was wrong with a frame: a JSON path into it (the problem+json `errors[].path` convention). */
export interface FrameProblem { readonly path: string; readonly topic?: string }

/** `parseClientMessage('{"type":"subscribe","topic":"form:crm/lead"}')` -> the message, or the problem with it. */
export function parseClientMessage(text: string): ClientMessage | FrameProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { path: '' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { path: '' };
  const { type, topic } = value as Record<string, unknown>;
  if (type !== 'subscribe' && type !== 'unsubscribe') return { path: '/type' };
  if (typeof topic !== 'string' || topic.length === 0 || topic.length > MAX_TOPIC_LENGTH) return { path: '/topic' };
  return { type, topic };
}

export function isFrameProblem(parsed: ClientMessage | FrameProblem): parsed is FrameProblem {
  return 'path' in parsed;
}
