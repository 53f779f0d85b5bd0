import type { FormAccess, Store, StoreNotice } from '@tangram/store';
import { combineChanges, formEventData, gatherFormChanges, type PendingFormEvent } from './coalesce';
import type { Connection } from './connection';
import type { ChangedRecord } from './protocol';
import { formTopic, recordTopic } from './topics';

export type RecordsNotice = Extract<StoreNotice, { kind: 'records' }>;

/**
 * Rows two readers can both see or both not see get the same key, so they share one visibility query.
 * Scopes are already bound to their user, except conditions that may read `$user`: those stay per user.
 */
function readScopeKey(access: FormAccess): string {
  const scopes = access.rowScopes.read ?? [];
  const perUser = scopes.some((s) => s.kind === 'condition') ? access.user?.id ?? '' : '';
  return JSON.stringify([perUser, scopes]);
}

/** What a batch of notices did to one form: the last change per record, and whether some were unlisted. */
function foldNotices(notices: readonly RecordsNotice[]): { changes: Map<string, ChangedRecord>; summary: RecordsNotice['change'] | null } {
  const changes = new Map<string, ChangedRecord>();
  let summary: RecordsNotice['change'] | null = null;
  for (const notice of notices) {
    if (notice.records === null) summary = notice.change;
    else for (const r of notice.records) changes.set(r.id, combineChanges(changes.get(r.id), { id: r.id, kind: notice.change, version: r.version }));
  }
  return { changes, summary };
}

/**
 * Delivers a batch of record notices of ONE form to the sockets subscribed to that form or its records,
 * each seeing only the records its user may read: access is resolved once per distinct user and
 * visibility asked once per distinct read scope (`visibleIds`, the store's chokepoint), never per socket
 * per record. Events carry ids, kinds and versions, never field values, so hidden fields cannot leak.
 */
export async function fanOutRecordNotices(store: Store, app: string, form: string, notices: readonly RecordsNotice[], connections: Iterable<Connection>): Promise<void> {
  const { changes, summary } = foldNotices(notices);
  const listTopic = formTopic(app, form);
  const watchedRecords = (c: Connection) => [...c.topics.values()].flatMap((t) => (t.kind === 'record' && t.app === app && t.form === form && (summary !== null || changes.has(t.id)) ? [t.id] : []));
  const listeners = [...connections].filter((c) => !c.isClosed && (c.topics.has(listTopic) || watchedRecords(c).length > 0));
  if (listeners.length === 0) return;

  const users = new Map(listeners.map((c) => [c.user.id, c.user]));
  const accessOf = new Map(await Promise.all([...users.values()].map(async (user) => [user.id, await store.identity.resolveAccess(user, app, form)] as const)));
  // A summary names no ids: the records sockets watch one by one are checked instead.
  const ids = [...new Set([...changes.keys(), ...(summary !== null ? listeners.flatMap(watchedRecords) : [])])];
  const records = store.records(app, form);
  const visibleByScope = new Map<string, Promise<ReadonlySet<string>>>();
  for (const access of accessOf.values()) {
    const key = readScopeKey(access);
    if (!visibleByScope.has(key) && access.actions.has('read')) {
      visibleByScope.set(key, records.visibleIds(access, ids, { includeDeleted: true }).then((visible) => new Set(visible)));
    }
  }

  for (const connection of listeners) {
    const access = accessOf.get(connection.user.id)!;
    if (!access.actions.has('read')) continue;
    const visible = await visibleByScope.get(readScopeKey(access))!;
    if (connection.topics.has(listTopic)) {
      const seen = [...changes.values()].filter((c) => visible.has(c.id));
      if (seen.length > 0 || summary !== null) {
        connection.gather<PendingFormEvent>(listTopic, (previous) => gatherFormChanges(previous, seen, summary !== null), formEventData);
      }
    }
    for (const id of watchedRecords(connection)) {
      if (!visible.has(id)) continue;
      const change = changes.get(id) ?? { id, kind: summary!, version: null };
      connection.gather<ChangedRecord>(recordTopic(app, form, id), (previous) => combineChanges(previous, change), (value) => value);
    }
  }
}
