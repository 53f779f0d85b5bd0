import { useEffect, useRef, useState } from 'react';
import { columnFields, formatValue, RecordFieldsView } from '@tangram/ui';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { FormAlert } from '../components/form-alert';
import { ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { ChangedElsewhereNotice, useChangedElsewhere } from '../realtime/changed-elsewhere';
import { Link, useRouter } from '../router/router';
import { formLabels } from './form-labels';
import { RecordTimeline } from './record-timeline';
import { WorkspaceFrame, type WorkspaceContext } from './workspace-frame';

function RecordPage({ ws, id }: { ws: WorkspaceContext; id: string }) {
  const { t, locale } = useI18n();
  const { navigate } = useRouter();
  const { records, paths, form } = ws;
  const data = useLoad(async () => {
    const [record, events] = await Promise.all([records.get(id), records.events(id)]);
    return { record, events: events.items };
  }, [records, id]);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const elsewhere = useChangedElsewhere(ws.appKey, ws.formKey, id, data.kind === 'ready' ? data.value.record.version : null, () => records.get(id).then((r) => r.version, () => null));

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  if (data.kind === 'loading') return <LoadingState label={t('common.loading')} />;
  if (data.kind === 'failed') return <ErrorState title={t('workspace.record.error.title')} message={describeError(data.error, t, locale)} retryLabel={t('common.retry')} onRetry={data.reload} />;
  const { record, events } = data.value;
  // A customer is known by their name, not a number: the first field that fits a list cell names the record.
  const primary = columnFields(form)[0];
  const heading = primary ? formatValue(primary, record.data[primary.key], { locale, yes: t('workspace.field.yes'), no: t('workspace.field.no') }) : '';

  const remove = async () => {
    setDeleting(true);
    setFailure(null);
    try {
      await records.remove(record.id, record.version);
      navigate(paths.list);
    } catch (error) {
      setDeleting(false);
      setConfirming(false);
      setFailure(error);
    }
  };

  return (
    <>
      <header className="page__header ws-header">
        <div>
          <h1 className="page__title">{heading || t('workspace.record.title', { id: record.id })}</h1>
          <p className="page__subtitle">
            {heading ? `${t('workspace.record.title', { id: record.id })} · ` : ''}
            {t('workspace.record.meta', { version: record.version, time: new Date(record.updatedAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) })}
          </p>
        </div>
        <div className="ws-header__buttons">
          {ws.can('delete') ? (
            <button type="button" className="button button--secondary ws-danger" onClick={() => setConfirming(true)}>
              {t('workspace.delete')}
            </button>
          ) : null}
          {ws.can('update') ? (
            <Link to={paths.edit(record.id)} className="button button--primary">
              {t('workspace.edit')}
            </Link>
          ) : null}
        </div>
      </header>
      <ChangedElsewhereNotice state={elsewhere} onReload={data.reload} />
      <FormAlert message={failure ? describeError(failure, t, locale) : undefined} />
      <div className="ws-record">
        <section className="ws-record__main" aria-label={t('workspace.record.fields')}>
          <RecordFieldsView form={form} data={record.data} locale={locale} labels={formLabels(t)} />
        </section>
        <section className="ws-record__side" aria-labelledby="ws-timeline-title">
          <h2 className="section-title" id="ws-timeline-title">
            {t('workspace.record.timeline')}
          </h2>
          <RecordTimeline form={form} events={events} userId={ws.user.id} />
        </section>
      </div>
      <p className="ws-back">
        <Link to={paths.list} className="button button--secondary">
          {t('workspace.back')}
        </Link>
      </p>
      {confirming ? (
        <div className="ws-overlay" onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}>
          <div className="ws-dialog" role="alertdialog" aria-modal="true" aria-labelledby="ws-delete-title" aria-describedby="ws-delete-hint">
            <h2 id="ws-delete-title" className="ws-dialog__title">
              {t('workspace.record.deleteTitle')}
            </h2>
            <p id="ws-delete-hint" className="ws-dialog__hint">
              {t('workspace.record.deleteHint')}
            </p>
            <div className="ws-dialog__actions">
              <button ref={cancelRef} type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                {t('workspace.cancel')}
              </button>
              <button type="button" className="button button--primary ws-danger-solid" disabled={deleting} onClick={() => void remove()}>
                {deleting ? t('workspace.deleting') : t('workspace.delete')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </>
  );
}

/** `/apps/:app/forms/:form/records/:id`: the record's fields by section, its timeline, edit and delete. */
export function RecordScreen({ user, appKey, formKey, recordId }: { user: CurrentUser; appKey: string; formKey: string; recordId: string }) {
  const { t } = useI18n();
  return (
    <WorkspaceFrame user={user} appKey={appKey} formKey={formKey} title={() => t('workspace.record.title', { id: recordId })}>
      {(ws) => <RecordPage ws={ws} id={recordId} />}
    </WorkspaceFrame>
  );
}
