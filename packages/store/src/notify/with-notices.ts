import type { RecordView } from '@tangram/schema';
import type { IdentityRepository, RecordChange, RecordsRepository, StoreNotice } from '../api';

type Publish = (notice: StoreNotice) => Promise<void>;

/**
 * The records of one form, announcing every committed write: each write function returns after its
 * transaction commits, and only then is its notice queued. The write's own answer never waits for the
 * notice (see NoticeChannel), and a lost notice never fails a write that happened.
 */
export function withRecordNotices(records: RecordsRepository, app: string, form: string, publish: Publish): RecordsRepository {
  const announce = (change: RecordChange, written: readonly { id: string; version: number | null }[] | null): void => {
    if (written !== null && written.length === 0) return;
    void publish({ kind: 'records', app, form, change, records: written && written.map(({ id, version }) => ({ id, version })) });
  };
  const views = (list: readonly RecordView[]) => list.map((r) => ({ id: r.id, version: r.version }));
  return Object.freeze({
    ...records,
    async create(actor, access, formVersion, input) {
      const record = await records.create(actor, access, formVersion, input);
      announce('created', views([record]));
      return record;
    },
    async createMany(actor, access, formVersion, inputs) {
      const created = await records.createMany(actor, access, formVersion, inputs);
      announce('created', views(created));
      return created;
    },
    async createManyRefs(actor, access, formVersion, inputs, options) {
      const created = await records.createManyRefs(actor, access, formVersion, inputs, options);
      announce('created', created.records.filter((r) => !r.replayed));
      return created;
    },
    async update(actor, access, id, expectedVersion, patch, formVersion, changes) {
      const record = await records.update(actor, access, id, expectedVersion, patch, formVersion, changes);
      // An update that changed nothing keeps the version and wrote nothing: nothing to announce.
      if (record.version !== expectedVersion) announce('updated', views([record]));
      return record;
    },
    async remove(actor, access, id, expectedVersion) {
      await records.remove(actor, access, id, expectedVersion);
      announce('deleted', [{ id, version: expectedVersion === undefined ? null : expectedVersion + 1 }]);
    },
    async restore(actor, access, id) {
      const record = await records.restore(actor, access, id);
      announce('restored', views([record]));
      return record;
    },
    // Bulk changes report a count, not ids: they are announced as a summary of the form.
    async bulkUpdate(actor, access, filter, patch, options) {
      const changed = await records.bulkUpdate(actor, access, filter, patch, options);
      if (changed > 0) announce('updated', null);
      return changed;
    },
    async bulkRemove(actor, access, filter) {
      const changed = await records.bulkRemove(actor, access, filter);
      if (changed > 0) announce('deleted', null);
      return changed;
    },
  } satisfies RecordsRepository);
}

/** Identity, announcing what must end live connections at once: a disabled user, an ended session. */
export function withIdentityNotices(identity: IdentityRepository, publish: Publish): IdentityRepository {
  return Object.freeze({
    ...identity,
    async setUserDisabled(id, disabled) {
      await identity.setUserDisabled(id, disabled);
      if (disabled) void publish({ kind: 'userDisabled', userId: id });
    },
    async deleteSession(tokenHash) {
      await identity.deleteSession(tokenHash);
      void publish({ kind: 'sessionEnded', sessionHash: tokenHash });
    },
  } satisfies IdentityRepository);
}
