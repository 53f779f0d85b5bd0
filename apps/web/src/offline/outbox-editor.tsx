import { useMemo, useState, type FormEvent } from 'react';
import { checkDraft, draftFromRecord, fieldStates, FormRenderer, placeProblems, toRecordInput, type Draft } from '@tangram/ui';
import { describeProblem } from '../api/describe-error';
import { useI18n } from '../i18n/i18n-provider';
import { formLabels } from '../workspace/form-labels';
import type { QueuedSubmission } from './outbox-types';

/**
 * A refused entry opened for correction, offline too: the form it was made with, the server's reasons
 * next to their fields, the same engine checking every change.
 */
export function OutboxEditor({ entry, userId, onSave, onCancel }: { entry: QueuedSubmission; userId: string; onSave: (body: QueuedSubmission['body']) => void; onCancel: () => void }) {
  const { t, locale } = useI18n();
  const form = entry.definition;
  const [draft, setDraft] = useState<Draft>(() => draftFromRecord(form, entry.body.data));
  const [serverProblems, setServerProblems] = useState(entry.refusal?.errors ?? []);
  const ctx = { now: new Date().toISOString(), user: { id: userId, orgUnitIds: [] as string[] } };
  const input = toRecordInput(form, draft, 'create', undefined);
  const keys = useMemo(() => form.fields.map((f) => f.key), [form]);
  const local = checkDraft(form, input, { ...ctx, mode: 'create' });
  const placed = placeProblems([...local.problems, ...serverProblems], keys);
  const errors = Object.fromEntries(Object.entries(placed.byPath).map(([path, problem]) => [path, describeProblem(problem, locale)]));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (local.problems.length > 0) return;
    onSave({ data: input, ...(entry.body.confirmedWarnings ? { confirmedWarnings: entry.body.confirmedWarnings } : {}) });
  };
  return (
    <form className="ws-form" onSubmit={onSubmit} noValidate>
      <FormRenderer
        form={form}
        draft={draft}
        states={fieldStates(form, input, ctx)}
        errors={errors}
        locale={locale}
        labels={formLabels(t)}
        // The refusal's problems show from the start: open on the first tab that holds one.
        revealErrors={1}
        onChange={(key, value) => {
          setDraft((d) => Object.freeze({ ...d, [key]: value }));
          setServerProblems((problems) => problems.filter((p) => !p.path.startsWith(`/data/${key}`)));
        }}
      />
      <div className="outbox__actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>{t('offline.cancel')}</button>
        <button type="submit" className="button button--primary" disabled={local.problems.length > 0}>{t('offline.saveEdit')}</button>
      </div>
    </form>
  );
}
