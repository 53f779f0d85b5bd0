import { useState } from 'react';
import { describeError } from '../api/describe-error';
import { FormAlert } from '../components/form-alert';
import type { FormDefinition } from '@tangram/schema';
import { fieldLabel, formatValue } from '@tangram/ui';
import { useI18n } from '../i18n/i18n-provider';
import type { Directory } from './directory';
import type { RecordEventView } from './records-api';

const EVENT_KEYS = {
  created: 'workspace.event.created',
  updated: 'workspace.event.updated',
  deleted: 'workspace.event.deleted',
  restored: 'workspace.event.restored',
  resubmitted: 'publicForm.event.resubmitted',
  commented: 'record360.event.commented',
} as const satisfies Record<RecordEventView['kind'], string>;

/** The diff key of an owner change (the store's OWNER_DIFF_KEY). */
export const OWNER_DIFF_KEY = 'ownerId';

export interface Change {
  readonly key: string;
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

/** Who did it, in words: you, a colleague's name, a visitor, or the system. */
export function useActorName(userId: string, directory: Directory | null) {
  const { t } = useI18n();
  return (actor: string | null, via?: string) => {
    // Public-form visitors have no account: they are "a visitor", not the system.
    if (actor === null) return via === 'public' ? t('publicForm.event.visitor') : t('workspace.event.system');
    if (actor === userId) return t('workspace.event.you');
    return directory?.personName(actor) ?? t('workspace.event.user', { id: actor });
  };
}

/** An event's diff as the reader sees it: field labels and formatted values; the owner by name. */
export function useDescribeChanges(directory: Directory | null) {
  const { t, locale } = useI18n();
  const options = { locale, yes: t('workspace.field.yes'), no: t('workspace.field.no') };
  const empty = t('workspace.field.empty');
  const person = (id: unknown) => (typeof id === 'string' ? directory?.personName(id) ?? t('workspace.event.user', { id }) : empty);
  return (form: FormDefinition, diff: RecordEventView['diff']): Change[] =>
    Object.entries(diff).flatMap(([key, [before, after]]) => {
      if (key === OWNER_DIFF_KEY) return [{ key, label: t('record360.event.owner'), before: person(before), after: person(after) }];
      const field = form.fields.find((f) => f.key === key);
      if (!field) return [];
      return [{ key, label: fieldLabel(field, locale), before: formatValue(field, before, options) || empty, after: formatValue(field, after, options) || empty }];
    });
}

export function ChangeList({ changes }: { changes: readonly Change[] }) {
  return (
    <ul className="ws-timeline__changes">
      {changes.map((change) => (
        <li key={change.key}>
          <span className="ws-timeline__field">{change.label}</span> <del>{change.before}</del> → <ins>{change.after}</ins>
        </li>
      ))}
    </ul>
  );
}

/**
 * The record's history, newest first: who, when, each field's before -> after, and comments. Long
 * histories arrive a page at a time: `onOlder` (absent on the last page) reads the next one.
 */
export function RecordTimeline({ form, events, userId, directory, onOlder }: {
  form: FormDefinition;
  /** Newest first. */
  events: readonly RecordEventView[];
  userId: string;
  directory: Directory | null;
  onOlder: (() => Promise<void>) | null;
}) {
  const { t, locale } = useI18n();
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const who = useActorName(userId, directory);
  const describe = useDescribeChanges(directory);
  if (events.length === 0) return <p className="ws-muted">{t('workspace.event.empty')}</p>;
  const older = async () => {
    if (!onOlder) return;
    setLoading(true);
    setFailure(null);
    try {
      await onOlder();
    } catch (error) {
      setFailure(error);
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <ol className="ws-timeline">
        {events.map((event) => {
          const changes = event.kind === 'updated' || event.kind === 'resubmitted' ? describe(form, event.diff) : [];
          return (
            <li key={event.id} className={`ws-timeline__item ws-timeline__item--${event.kind}`} data-event={event.kind}>
              <span className="ws-timeline__dot" aria-hidden="true" />
              <div className="ws-timeline__body">
                <p className="ws-timeline__what">{t(EVENT_KEYS[event.kind], { who: who(event.actorId, event.via) })}</p>
                <time className="ws-timeline__when" dateTime={event.at}>
                  {new Date(event.at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}
                </time>
                {event.kind === 'commented' && event.comment ? <p className="ws-timeline__comment">{event.comment}</p> : null}
                {changes.length > 0 ? <ChangeList changes={changes} /> : null}
              </div>
            </li>
          );
        })}
      </ol>
      <FormAlert message={failure ? describeError(failure, t, locale) : undefined} />
      {onOlder ? (
        <button type="button" className="button button--secondary ws-timeline__more" disabled={loading} onClick={() => void older()}>
          {loading ? t('record360.timeline.loading') : t('record360.timeline.older')}
        </button>
      ) : null}
    </>
  );
}
