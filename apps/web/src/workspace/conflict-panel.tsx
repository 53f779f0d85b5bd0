import type { FormDefinition, RecordView } from '@tangram/schema';
import { useI18n } from '../i18n/i18n-provider';
import type { Directory } from './directory';
import { ChangeList, useActorName, useDescribeChanges } from './record-timeline';
import type { RecordEventView } from './records-api';

/** What someone else saved while this user was editing: the latest record and the events since. */
export interface Conflict {
  readonly latest: RecordView;
  readonly events: readonly RecordEventView[];
  readonly directory: Directory;
}

/** Changes made after the version being edited (comments change nothing). */
export function changesSince(events: readonly RecordEventView[], base: RecordView): RecordEventView[] {
  const since = new Date(base.updatedAt).getTime();
  return events.filter((e) => e.kind !== 'commented' && new Date(e.at).getTime() > since);
}

/**
 * The 409 explained: who changed what since this user opened the record, field by field, and the
 * choice to reapply their own edits on top of it or to drop them.
 */
export function ConflictPanel({ form, conflict, userId, onReapply, onDiscard }: {
  form: FormDefinition;
  conflict: Conflict | 'loading';
  userId: string;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { t, locale } = useI18n();
  const directory = conflict === 'loading' ? null : conflict.directory;
  const who = useActorName(userId, directory);
  const describe = useDescribeChanges(directory);
  const entries = conflict === 'loading' ? [] : conflict.events.map((event) => ({ event, changes: describe(form, event.diff) }));
  return (
    <section className="ws-conflict" role="alert" aria-labelledby="ws-conflict-title">
      <h2 className="ws-conflict__title" id="ws-conflict-title">
        {t('record360.conflict.title')}
      </h2>
      <p className="ws-conflict__hint">{t('record360.conflict.hint')}</p>
      {conflict === 'loading' ? (
        <p className="ws-muted">{t('record360.conflict.loading')}</p>
      ) : (
        <ul className="ws-conflict__events">
          {entries.map(({ event, changes }) => (
            <li key={event.id} data-conflict-event={event.kind}>
              <span className="ws-conflict__who">{who(event.actorId, event.via)}</span>{' '}
              <time className="ws-muted" dateTime={event.at}>
                {new Date(event.at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
              {changes.length > 0 ? <ChangeList changes={changes} /> : <p className="ws-muted">{t('record360.conflict.none')}</p>}
            </li>
          ))}
        </ul>
      )}
      <div className="ws-conflict__actions">
        <button type="button" className="button button--primary" disabled={conflict === 'loading'} onClick={onReapply}>
          {t('record360.conflict.reapply')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDiscard}>
          {t('record360.conflict.discard')}
        </button>
      </div>
    </section>
  );
}
