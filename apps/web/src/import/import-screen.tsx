/**
 * `/apps/:app/forms/:form/import`: upload -> match columns to fields (auto-matched) with a preview of the
 * first rows and their problems -> what to do with existing records -> progress -> summary, with the
 * rejected rows to download. The job id goes into the address, so a reload or a second tab shows the
 * same job; progress comes over the websocket (topic `job:<id>`) and, as a fallback, by asking again.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { ErrorState, LoadingState } from '../components/state-views';
import { FormAlert } from '../components/form-alert';
import { useI18n } from '../i18n/i18n-provider';
import { useTopic } from '../realtime/use-topic';
import { useRouter } from '../router/router';
import { WorkspaceFrame, type WorkspaceContext } from '../workspace/workspace-frame';
import { createImportApi, type ImportApi, type ImportJob, type Mapping, type OnDuplicate, type PreviewRow, type UploadedImport } from './import-api';
import { importPath } from './import-routes';
import { MappingStep } from './mapping-step';
import { ProgressStep } from './progress-step';
import './import.css';

type Step =
  | { readonly kind: 'upload' }
  | { readonly kind: 'mapping'; readonly job: ImportJob; readonly preview: readonly PreviewRow[] }
  | { readonly kind: 'running'; readonly job: ImportJob };

/** Fields a sheet column can fill (the server says the same; hidden ones are not in `ws.form`). */
const IMPORTABLE = new Set(['text', 'textarea', 'number', 'percent', 'money', 'date', 'datetime', 'select', 'multiselect', 'checkbox', 'yesno', 'phone', 'email', 'url', 'user', 'orgunit', 'relation', 'rating', 'region']);

function ImportWizard({ ws, jobId }: { ws: WorkspaceContext; jobId: string | null }) {
  const { t, locale } = useI18n();
  const { navigate } = useRouter();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const api: ImportApi = useMemo(() => createImportApi(() => localeRef.current, ws.appKey, ws.formKey), [ws.appKey, ws.formKey]);
  const [step, setStep] = useState<Step | null>(jobId ? null : { kind: 'upload' });
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const fields = ws.form.fields.filter((f) => IMPORTABLE.has(f.kind) && !ws.readOnlyFields.has(f.key));

  // A job named in the address (reload, second tab): show where it is.
  useEffect(() => {
    if (!jobId) {
      setStep({ kind: 'upload' });
      return;
    }
    let current = true;
    api.job(jobId).then(
      async (job) => {
        if (job.status !== 'draft') return current && setStep({ kind: 'running', job });
        const { preview } = await api.preview(job.id, job.mapping);
        if (current) setStep({ kind: 'mapping', job, preview });
      },
      (e: unknown) => current && setError(e),
    );
    return () => { current = false; };
  }, [api, jobId]);

  const upload = async (file: File) => {
    setBusy(true);
    setError(undefined);
    try {
      const uploaded: UploadedImport = await api.upload(file);
      setStep({ kind: 'mapping', job: uploaded, preview: uploaded.preview });
      navigate(importPath(ws.appKey, ws.formKey, uploaded.id), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const start = async (job: ImportJob, mapping: Mapping, onDuplicate: OnDuplicate, matchField: string | null) => {
    setBusy(true);
    setError(undefined);
    try {
      setStep({ kind: 'running', job: await api.start(job.id, mapping, onDuplicate, matchField) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setError(undefined);
    navigate(importPath(ws.appKey, ws.formKey), { replace: true });
    setStep({ kind: 'upload' });
  };

  const stepIndex = step?.kind === 'upload' ? 0 : step?.kind === 'mapping' ? 1 : 2;
  const message = error === undefined ? undefined : describeError(error, t, locale);

  return (
    <>
      <header className="page__header">
        <h1 className="page__title">{t('import.title', { form: ws.formName })}</h1>
      </header>
      <ol className="io-steps" aria-label={t('import.steps')}>
        {(['import.step.upload', 'import.step.mapping', 'import.step.run'] as const).map((key, i) => (
          <li key={key} className={`io-steps__item${i === stepIndex ? ' io-steps__item--current' : ''}`} aria-current={i === stepIndex ? 'step' : undefined}>
            <span className="io-steps__number" aria-hidden="true">{i + 1}</span>
            {t(key)}
          </li>
        ))}
      </ol>
      {step === null && error === undefined ? <LoadingState label={t('common.loading')} /> : null}
      {step === null && error !== undefined ? <ErrorState title={t('import.summary.failed')} message={message ?? ''} retryLabel={t('import.restart')} onRetry={restart} /> : null}
      {step?.kind === 'upload' ? (
        <section className="io-card">
          <label className="io-drop">
            <span className="io-drop__title">{t('import.upload.label')}</span>
            <span className="io-drop__hint">{t('import.upload.hint')}</span>
            <input
              ref={fileInput}
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              disabled={busy}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) void upload(file);
              }}
            />
          </label>
          {busy ? <LoadingState label={t('import.upload.busy')} /> : null}
          <FormAlert message={message} />
        </section>
      ) : null}
      {step?.kind === 'mapping' ? (
        <>
          <FormAlert message={message} />
          <MappingStep api={api} job={step.job} initialPreview={step.preview} fields={fields} busy={busy} onStart={(mapping, onDuplicate, matchField) => void start(step.job, mapping, onDuplicate, matchField)} onRestart={restart} />
        </>
      ) : null}
      {step?.kind === 'running' ? <RunningStep api={api} initial={step.job} listPath={ws.paths.list} onRestart={restart} /> : null}
    </>
  );
}

function RunningStep({ api, initial, listPath, onRestart }: { api: ImportApi; initial: ImportJob; listPath: string; onRestart: () => void }) {
  const [job, setJob] = useState(initial);
  const finished = job.status === 'done' || job.status === 'failed';
  // Pushed progress (the importer's own topic); the job row is re-read when the push says it ended.
  useTopic(finished ? null : `job:${job.id}`, (event) => {
    if (event.kind !== 'event') return;
    const data = event.data as { status?: ImportJob['status']; progress?: ImportJob['progress'] };
    if (data.progress) setJob((j) => ({ ...j, status: data.status ?? j.status, progress: data.progress! }));
    if (data.status === 'done' || data.status === 'failed') void api.job(job.id).then(setJob, () => undefined);
  });
  // Without a live connection (a proxy that drops websockets), ask every second until it ends.
  useEffect(() => {
    if (finished) return;
    const timer = setInterval(() => void api.job(job.id).then(setJob, () => undefined), 1000);
    return () => clearInterval(timer);
  }, [api, job.id, finished]);
  return <ProgressStep job={job} rejectsUrl={api.rejectsUrl(job.id)} listPath={listPath} onRestart={onRestart} />;
}

export function ImportScreen({ user, appKey, formKey, jobId }: { user: CurrentUser; appKey: string; formKey: string; jobId: string | null }) {
  const { t } = useI18n();
  return (
    <WorkspaceFrame user={user} appKey={appKey} formKey={formKey} title={(name) => t('import.title', { form: name })}>
      {(ws) => <ImportWizard ws={ws} jobId={jobId} />}
    </WorkspaceFrame>
  );
}

