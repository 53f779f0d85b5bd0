import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { FormDefinition, Problem, RecordView } from '@tangram/schema';
import { checkDraft, draftFromRecord, fieldLabel, fieldStates, FileTransferContext, FormRenderer, placeProblems, toRecordInput, type Draft } from '@tangram/ui';
import { isApiError } from '../api/api-error';
import { describeError, describeProblem } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { FormAlert } from '../components/form-alert';
import { ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { Link, useRouter } from '../router/router';
import { useSession } from '../session/session-provider';
import { ConflictPanel, changesSince, type Conflict } from './conflict-panel';
import { loadDirectory } from './directory';
import { formLabels } from './form-labels';
import { createRecord360Api } from './record-360-api';
import { useFileTransfer } from './use-file-transfer';
import './record-360.css';
import { RecordWriteError } from './records-api';
import { located } from './refused-write';
import { isNetworkFailure, OUTBOX_PATH, queueIfOffline } from '../offline/queue-if-offline';
import { WorkspaceFrame, type WorkspaceContext } from './workspace-frame';

interface PendingWarning {
  readonly checkId: string;
  readonly message: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Values a link asks a new record to start with (`?prefill={"customer":"42"}`, from a related-records
 * panel): fields of this form only; the form engine still checks them when the record is saved.
 */
function prefillFrom(search: string, form: FormDefinition): Record<string, unknown> {
  const raw = new URLSearchParams(search).get('prefill');
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const keys = new Set(form.fields.map((f) => f.key));
    return Object.fromEntries(Object.entries(parsed).filter(([key]) => keys.has(key)));
  } catch {
    return {};
  }
}

/** The generated form for a new record or an edit: checked live by the form engine, then sent. */
function RecordEditor({ ws, record }: { ws: WorkspaceContext; record: RecordView | undefined }) {
  const { t, locale } = useI18n();
  const { navigate, location } = useRouter();
  const { expired } = useSession();
  const { form, records, paths } = ws;
  const mode = record ? 'update' : 'create';
  const transfer = useFileTransfer(ws.appKey, ws.formKey);
  const [base, setBase] = useState(record);
  const [draft, setDraft] = useState<Draft>(() => draftFromRecord(form, record?.data ?? prefillFrom(location.search, form)));
  const [showErrors, setShowErrors] = useState(false);
  const [serverProblems, setServerProblems] = useState<readonly Problem[]>([]);
  const [pending, setPending] = useState<readonly PendingWarning[] | null>(null);
  const [conflict, setConflict] = useState<Conflict | 'loading' | null>(null);
  const [otherChanges, setOtherChanges] = useState<readonly string[]>([]);
  const [bothChanged, setBothChanged] = useState<readonly string[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  // Bumped with each refusal: the renderer opens the first tab with a problem in the same render, so the input is there to focus.
  const [reveal, setReveal] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const previous = base?.data;
  const ctx = { now: new Date().toISOString(), user: { id: ws.user.id, orgUnitIds: [] as string[] } };
  const input = toRecordInput(form, draft, mode, previous);
  const values = mode === 'update' ? { ...previous, ...input } : input;
  const states = Object.fromEntries(
    Object.entries(fieldStates(form, values, ctx)).map(([key, state]) => [key, ws.readOnlyFields.has(key) ? { ...state, readOnly: true } : state]),
  );
  const local = showErrors ? checkDraft(form, input, { ...ctx, mode, ...(previous ? { previous } : {}) }) : undefined;
  const keys = useMemo(() => form.fields.map((f) => f.key), [form]);
  const placed = placeProblems([...(local?.problems ?? []), ...serverProblems], keys);
  const errors = Object.fromEntries(Object.entries(placed.byPath).map(([path, problem]) => [path, describeProblem(problem, locale)]));
  const errorCount = Object.keys(errors).length;

  useEffect(() => {
    if (pending) confirmRef.current?.focus();
  }, [pending]);

  const onChange = (key: string, value: unknown) => {
    setDraft((d) => Object.freeze({ ...d, [key]: value }));
    setServerProblems((problems) => problems.filter((p) => !p.path.startsWith(`/data/${key}`)));
  };

  const focusFirstError = () => {
    setReveal((n) => n + 1);
    requestAnimationFrame(() => {
      const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .field--invalid [role="radiogroup"] button, .field--invalid input');
      target?.focus();
    });
  };

  async function send(confirmedWarnings: readonly string[]) {
    setSaving(true);
    setFailure(null);
    try {
      const body = { data: input, ...(confirmedWarnings.length > 0 ? { confirmedWarnings } : {}) };
      // No network: a new record the engine accepted waits on the device and is sent later.
      if (!base && (await queueIfOffline(ws.user.id, ws.appKey, ws.formKey, form, body))) return navigate(OUTBOX_PATH);
      const saved = base ? await records.update(base.id, base.version, body) : await records.create(body);
      navigate(paths.record(saved.id));
    } catch (error) {
      setSaving(false);
      if (!base && isNetworkFailure(error)) {
        const body = { data: input, ...(confirmedWarnings.length > 0 ? { confirmedWarnings } : {}) };
        if (await queueIfOffline(ws.user.id, ws.appKey, ws.formKey, form, body, error)) return navigate(OUTBOX_PATH);
      }
      if (isApiError(error) && error.status === 401) return expired();
      if (error instanceof RecordWriteError && error.status === 409 && error.code === 'ERR_RECORD_STALE' && base) {
        void explainConflict(base);
        return;
      }
      if (error instanceof RecordWriteError && (error.status === 422 || error.status === 403 || error.status === 409)) {
        const problems = located(error, form, locale).filter((p) => p.code !== 'warningNotConfirmed');
        setServerProblems(problems);
        if (problems.length === 0 && error.warnings.length > 0) {
          setPending(error.warnings.map((w) => ({ checkId: w.checkId, message: w.message })));
          return;
        }
        if (placeProblems(problems, keys).general.length > 0) setFailure(error);
        focusFirstError();
        return;
      }
      setFailure(error);
    }
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    setServerProblems([]);
    const check = checkDraft(form, input, { ...ctx, mode, ...(previous ? { previous } : {}) });
    if (check.problems.length > 0) return focusFirstError();
    if (check.warnings.length > 0) {
      setPending(check.warnings.map((w) => ({ checkId: w.checkId, message: describeProblem({ path: w.path, code: 'check', params: { message: w.message } }, locale) })));
      return;
    }
    void send([]);
  };

  /** Someone saved first: fetch what they saved and the events since this user's version, to show them. */
  const explainConflict = async (edited: RecordView) => {
    setConflict('loading');
    try {
      const api = createRecord360Api(() => locale, ws.appKey, ws.formKey);
      const [latest, events, directory] = await Promise.all([records.get(edited.id), records.events(edited.id), loadDirectory(records, api)]);
      setConflict({ latest, events: changesSince(events.items, edited), directory });
    } catch (error) {
      setConflict(null);
      setFailure(error);
    }
  };

  /** Keep what this user changed; take everything else from the latest version; then they review and save. */
  const reapply = () => {
    if (!base || !conflict || conflict === 'loading') return;
    const { latest } = conflict;
    const before = draftFromRecord(form, base.data);
    const theirs = draftFromRecord(form, latest.data);
    const merged: Record<string, unknown> = { ...theirs };
    const mine = new Set(keys.filter((key) => !same(draft[key], before[key])));
    for (const key of mine) merged[key] = draft[key];
    const changedByThem = form.fields.filter((f) => !same(before[f.key], theirs[f.key]));
    setOtherChanges(changedByThem.map((f) => fieldLabel(f, locale)));
    setBothChanged(changedByThem.filter((f) => mine.has(f.key) && !same(draft[f.key], theirs[f.key])).map((f) => fieldLabel(f, locale)));
    setBase(latest);
    setDraft(Object.freeze(merged));
    setConflict(null);
  };

  const generalMessage = failure ? describeError(failure, t, locale) : showErrors && errorCount > 0 ? t('workspace.fixErrors', { count: errorCount }) : undefined;

  return (
    <form ref={formRef} className="ws-form" onSubmit={onSubmit} noValidate>
      <header className="page__header">
        <div>
          <h1 className="page__title">{record ? t('workspace.editTitle', { form: ws.formName }) : t('workspace.newTitle', { form: ws.formName })}</h1>
          {record ? <p className="page__subtitle">{t('workspace.record.title', { id: record.id })}</p> : null}
        </div>
      </header>
      {conflict !== null ? (
        <ConflictPanel form={form} conflict={conflict} userId={ws.user.id} onReapply={reapply} onDiscard={() => navigate(paths.record(base?.id ?? ''))} />
      ) : null}
      {otherChanges.length > 0 && conflict === null ? (
        <div className={`ws-notice${bothChanged.length > 0 ? ' ws-notice--warn' : ''}`} role="status">
          <p>{t('workspace.stale.merged', { fields: otherChanges.join(locale === 'zh-CN' ? '、' : ', ') })}</p>
          {bothChanged.length > 0 ? <p>{t('record360.conflict.both', { fields: bothChanged.join(locale === 'zh-CN' ? '、' : ', ') })}</p> : null}
        </div>
      ) : null}
      <FormAlert message={generalMessage} />
      <FileTransferContext.Provider value={transfer}>
        <FormRenderer form={form} draft={draft} states={states} errors={errors} locale={locale} labels={formLabels(t)} onChange={onChange} revealErrors={reveal} />
      </FileTransferContext.Provider>
      <div className="ws-actions">
        <Link to={record ? paths.record(record.id) : paths.list} className="button button--secondary">
          {t('workspace.cancel')}
        </Link>
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('workspace.saving') : t('workspace.save')}
        </button>
      </div>
      {pending ? (
        <div className="ws-overlay">
          <div className="ws-dialog" role="alertdialog" aria-modal="true" aria-labelledby="ws-warn-title" aria-describedby="ws-warn-list">
            <h2 id="ws-warn-title" className="ws-dialog__title">
              {t('workspace.warn.title')}
            </h2>
            <ul id="ws-warn-list" className="ws-dialog__list">
              {pending.map((w) => (
                <li key={w.checkId}>{w.message}</li>
              ))}
            </ul>
            <p className="ws-dialog__hint">{t('workspace.warn.hint')}</p>
            <div className="ws-dialog__actions">
              <button type="button" className="button button--secondary" onClick={() => setPending(null)}>
                {t('workspace.warn.back')}
              </button>
              <button
                ref={confirmRef}
                type="button"
                className="button button--primary"
                disabled={saving}
                onClick={() => {
                  const ids = pending.map((w) => w.checkId);
                  setPending(null);
                  void send(ids);
                }}
              >
                {t('workspace.warn.confirm')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </form>
  );
}

function EditLoader({ ws, id }: { ws: WorkspaceContext; id: string }) {
  const { t, locale } = useI18n();
  const record = useLoad(() => ws.records.get(id), [ws.records, id]);
  if (record.kind === 'loading') return <LoadingState label={t('common.loading')} />;
  if (record.kind === 'failed') return <ErrorState title={t('workspace.record.error.title')} message={describeError(record.error, t, locale)} retryLabel={t('common.retry')} onRetry={record.reload} />;
  return <RecordEditor ws={ws} record={record.value} />;
}

/** `/apps/:app/forms/:form/new` and `/apps/:app/forms/:form/records/:id/edit`. */
export function RecordFormScreen({ user, appKey, formKey, recordId }: { user: CurrentUser; appKey: string; formKey: string; recordId?: string | undefined }) {
  const { t } = useI18n();
  return (
    <WorkspaceFrame user={user} appKey={appKey} formKey={formKey} title={(name) => (recordId ? t('workspace.editTitle', { form: name }) : t('workspace.newTitle', { form: name }))}>
      {(ws) => (recordId ? <EditLoader ws={ws} id={recordId} /> : <RecordEditor ws={ws} record={undefined} />)}
    </WorkspaceFrame>
  );
}
