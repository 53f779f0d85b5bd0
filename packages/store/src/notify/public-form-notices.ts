import type { StoreNotice } from '../api';
import type { PublicFormsRepository } from '../public-forms/public-forms-repository';

/**
 * Public submissions announced like any other create: a lead typed into a QR-code form at the till shows up
 * live in the store's list. A resubmission changes no record (it adds a history entry), so it is silent.
 */
export function withPublicFormNotices(publicForms: PublicFormsRepository, publish: (notice: StoreNotice) => Promise<void>): PublicFormsRepository {
  return Object.freeze({
    ...publicForms,
    async submit(actor, access, formVersion, input, duplicate) {
      const submission = await publicForms.submit(actor, access, formVersion, input, duplicate);
      if (submission.kind === 'created') {
        const { record } = submission;
        void publish({ kind: 'records', app: access.app, form: access.form, change: 'created', records: [{ id: record.id, version: record.version }] });
      }
      return submission;
    },
  } satisfies PublicFormsRepository);
}
