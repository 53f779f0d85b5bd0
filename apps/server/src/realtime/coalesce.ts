import type { ChangedRecord, FormEventData } from './protocol';

/** Past this many records in one form event, the event says "refetch" instead of listing them. */
export const MAX_LISTED_CHANGES = 200;

/**
 * Two changes of the same record folded into one: the later version wins, and a record created within
 * the window stays "created" unless it was deleted too.
 *   combineChanges({ id: '7', kind: 'created', version: 1 }, { id: '7', kind: 'updated', version: 2 })
 *   -> { id: '7', kind: 'created', version: 2 }
 */
export function combineChanges(earlier: ChangedRecord | undefined, later: ChangedRecord): ChangedRecord {
  if (!earlier) return later;
  const kind = earlier.kind === 'created' && later.kind !== 'deleted' ? 'created' : later.kind;
  return { id: later.id, kind, version: later.version ?? earlier.version };
}

/** A form event being gathered for one socket until its next flush. */
export interface PendingFormEvent {
  readonly changes: Map<string, ChangedRecord>;
  refetch: boolean;
}

/** Adds changes to what a socket will be sent; a burst past MAX_LISTED_CHANGES collapses into "refetch". */
export function gatherFormChanges(pending: PendingFormEvent | undefined, changes: readonly ChangedRecord[], refetch: boolean): PendingFormEvent {
  const next = pending ?? { changes: new Map<string, ChangedRecord>(), refetch: false };
  next.refetch ||= refetch;
  if (next.refetch && next.changes.size === 0 && changes.length === 0) return next;
  for (const change of changes) next.changes.set(change.id, combineChanges(next.changes.get(change.id), change));
  if (next.changes.size > MAX_LISTED_CHANGES) {
    next.changes.clear();
    next.refetch = true;
  }
  return next;
}

export function formEventData(pending: PendingFormEvent): FormEventData {
  // Ids of a collapsed burst are dropped on purpose: a partial list would read as the whole story.
  return { changes: pending.refetch ? [] : [...pending.changes.values()], refetch: pending.refetch };
}
