/**
 * The topics a socket can subscribe to. A topic is a string a client can build from what it shows:
 *   form:crm/lead       every record created, updated, deleted or restored in a form
 *   record:crm/lead/42  one record
 *   job:7f3c…           progress of a background job (imports), pushed by server code
 * Dashboards subscribe to the form topics of their charts (they know which forms they read).
 */
export type Topic =
  | { readonly kind: 'form'; readonly app: string; readonly form: string }
  | { readonly kind: 'record'; readonly app: string; readonly form: string; readonly id: string }
  | { readonly kind: 'job'; readonly id: string };

const KEY = '[A-Za-z][A-Za-z0-9_-]{0,99}';
const FORM_TOPIC = new RegExp(`^form:(${KEY})/(${KEY})$`);
const RECORD_TOPIC = new RegExp(`^record:(${KEY})/(${KEY})/([1-9][0-9]{0,17})$`);
const JOB_TOPIC = /^job:([A-Za-z0-9_-]{1,100})$/;

export const MAX_TOPIC_LENGTH = 320;

/** `parseTopic('record:crm/lead/42')` -> `{ kind: 'record', app: 'crm', form: 'lead', id: '42' }`; null when malformed. */
export function parseTopic(topic: unknown): Topic | null {
  if (typeof topic !== 'string' || topic.length > MAX_TOPIC_LENGTH) return null;
  let m = FORM_TOPIC.exec(topic);
  if (m) return { kind: 'form', app: m[1]!, form: m[2]! };
  m = RECORD_TOPIC.exec(topic);
  if (m) return { kind: 'record', app: m[1]!, form: m[2]!, id: m[3]! };
  m = JOB_TOPIC.exec(topic);
  if (m) return { kind: 'job', id: m[1]! };
  return null;
}

export function formTopic(app: string, form: string): string {
  return `form:${app}/${form}`;
}

export function recordTopic(app: string, form: string, id: string): string {
  return `record:${app}/${form}/${id}`;
}
