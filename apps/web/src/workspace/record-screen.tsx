import { useEffect, useMemo, useRef, useState } from 'react';
import type { RecordView } from '@tangram/schema';
import { columnFields, formatValue, RecordFieldsView } from '@tangram/ui';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { FormAlert } from '../components/form-alert';
import { ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { ChangedElsewhereNotice, useChangedElsewhere } from '../realtime/changed-elsewhere';
import { Link, useRouter } from '../router/router';
import { CommentBox } from './comment-box';
import { loadDirectory } from './directory';
import { formLabels } from './form-labels';
import { createRecord360Api } from './record-360-api';
import { RecordAttachments } from './record-attachments';
import { RecordOwner } from './record-owner';
import { RecordTimeline } from './record-timeline';
import type { RecordEventView } from './records-api';
import { RelatedRecords } from './related-records';
import { WorkspaceFrame, type WorkspaceContext } from './workspace-frame';
import './record-360.css';

interface Loaded {
  readonly record: RecordView;
  /** The newest page of the timeline. */
  readonly events: readonly RecordEventView[];
  readonly nextBefore: string | null;
}

/** Older timeline pages read after `from` was loaded (a reload starts from the newest page again). */
interface OlderPages {
  readonly from: Loaded;
  readonly events: readonly RecordEventView[];
  readonly nextBefore: string | null;
}

function RecordPage({ ws, id }: { ws: WorkspaceContext; id: string }) {
  const { t, locale } = useI18n();
  const { navigate } = useRouter();
  const { records, paths, form } = ws;
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const api = useMemo(() => createRecord360Api(() => localeRef.current, ws.appKey, ws.formKey), [ws.appKey, ws.formKey]);
  const load = async (): Promise<Loaded> => {
    const [record, page] = await Promise.all([records.get(id), api.timeline(id)]);
    return { record, events: page.items, nextBefore: page.nextBefore };
  };
  const data = useLoad(load, [records, id]);
  const directory = useLoad(() => loadDirectory(records, api), [records, api]);
  const related = useLoad(() => api.related(id), [api, id]);
  // After the page's own writes (a comment, a new owner) the record and timeline are read again in place,
  // without the page going back to its loading state; a full reload starts from the loaded value again.
  const [refreshed, setRefreshed] = useState<{ readonly from: Loaded; readonly value: Loaded } | null>(null);
  const loaded = data.kind === 'ready' ? data.value : null;
  const view = refreshed && refreshed.from === loaded ? refreshed.value : loaded;
  const refresh = async (saved?: RecordView) => {
    if (!loaded) return;
    // The saved version is shown at once, so its own realtime notice does not read as someone else's change.
    if (saved && view) setRefreshed({ from: loaded, value: { ...view, record: saved } });
    setRefreshed({ from: loaded, value: await load() });
  };
  const [olderPages, setOlderPages] = useState<OlderPages | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const elsewhere = useChangedElsewhere(ws.appKey, ws.formKey, id, view ? view.record.version : null, () => records.get(id).then((r) => r.version, () => null));

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  if (data.kind === 'loading') return <LoadingState label={t('common.loading')} />;
  if (data.kind === 'failed') return <ErrorState title={t('workspace.record.error.title')} message={describeError(data.error, t, locale)} retryLabel={t('common.retry')} onRetry={data.reload} />;
  const { record } = view!;
  const older = olderPages && olderPages.from === view ? olderPages : null;
  const events = older ? [...view!.events, ...older.events] : view!.events;
  const nextBefore = older ? older.nextBefore : view!.nextBefore;
  const loadOlder = async () => {
    const page = await api.timeline(id, nextBefore);
    setOlderPages({ from: view!, events: [...(older?.events ?? []), ...page.items], nextBefore: page.nextBefore });
  };
  const people = directory.kind === 'ready' ? directory.value : null;
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
      <ChangedElsewhereNotice
        state={elsewhere}
        onReload={() => {
          data.reload();
          related.reload();
        }}
      />
      <FormAlert message={failure ? describeError(failure, t, locale) : undefined} />
      <div className="ws-record">
        <div className="ws-record__main">
          <section aria-label={t('workspace.record.fields')}>
            <RecordFieldsView form={form} data={record.data} locale={locale} labels={formLabels(t)} />
          </section>
          <RecordAttachments form={form} data={record.data} />
          <RelatedRecords app={ws.appKey} recordId={record.id} state={related} />
        </div>
        <div className="ws-record__aside">
          {people ? (
            <section className="ws-record__side" aria-label={t('record360.owner.title')}>
              <RecordOwner
                record={record}
                directory={people}
                canChange={ws.can('update')}
                onChange={async (ownerId) => {
                  await refresh(await api.changeOwner(record.id, record.version, ownerId));
                }}
              />
            </section>
          ) : null}
          <section className="ws-record__side" aria-labelledby="ws-timeline-title">
            <h2 className="section-title" id="ws-timeline-title">
              {t('workspace.record.timeline')}
            </h2>
            <CommentBox
              onSend={async (text) => {
                await api.comment(record.id, text);
                await refresh();
              }}
            />
            <RecordTimeline form={form} events={events} userId={ws.user.id} directory={people} onOlder={nextBefore ? loadOlder : null} />
          </section>
        </div>
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

/**
 * `/apps/:app/forms/:form/records/:id`, the record page (customer 360): fields by section, attachments,
 * related records both ways, owner, comments and the timeline; edit and delete.
 */
export function RecordScreen({ user, appKey, formKey, recordId }: { user: CurrentUser; appKey: string; formKey: string; recordId: string }) {
  const { t } = useI18n();
  return (
    <WorkspaceFrame user={user} appKey={appKey} formKey={formKey} title={() => t('workspace.record.title', { id: recordId })}>
      {(ws) => <RecordPage ws={ws} id={recordId} />}
    </WorkspaceFrame>
  );
}
