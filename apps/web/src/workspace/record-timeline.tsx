import type { FormDefinition } from '@tangram/schema';
import { fieldLabel, formatValue } from '@tangram/ui';
import { useI18n } from '../i18n/i18n-provider';
import type { RecordEventView } from './records-api';

const EVENT_KEYS = {
  created: 'workspace.event.created',
  updated: 'workspace.event.updated',
  deleted: 'workspace.event.deleted',
  restored: 'workspace.event.restored',
  resubmitted: 'publicForm.event.resubmitted',
} as const satisfies Record<RecordEventView['kind'], string>;

/** The record's history, newest first: who, when, and each field's before -> after. */
export function RecordTimeline({ form, events, userId }: { form: FormDefinition; events: readonly RecordEventView[]; userId: string }) {
  const { t, locale } = useI18n();
  if (events.length === 0) return <p className="ws-muted">{t('workspace.event.empty')}</p>;
  const options = { locale, yes: t('workspace.field.yes'), no: t('workspace.field.no') };
  const empty = t('workspace.field.empty');
  // Public-form visitors have no account: they are "a visitor", not the system.
  const who = (actor: string | null, via?: string) => (actor === null && via === 'public' ? t('publicForm.event.visitor') : actor === null ? t('workspace.event.system') : actor === userId ? t('workspace.event.you') : t('workspace.event.user', { id: actor }));
  return (
    <ol className="ws-timeline">
      {[...events].reverse().map((event) => {
        const changes = Object.entries(event.diff).flatMap(([key, [before, after]]) => {
          const field = form.fields.find((f) => f.key === key);
          if (!field) return [];
          return [{ key, label: fieldLabel(field, locale), before: formatValue(field, before, options) || empty, after: formatValue(field, after, options) || empty }];
        });
        return (
          <li key={event.id} className={`ws-timeline__item ws-timeline__item--${event.kind}`} data-event={event.kind}>
            <span className="ws-timeline__dot" aria-hidden="true" />
            <div className="ws-timeline__body">
              <p className="ws-timeline__what">{t(EVENT_KEYS[event.kind], { who: who(event.actorId, event.via) })}</p>
              <time className="ws-timeline__when" dateTime={event.at}>
                {new Date(event.at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
              {(event.kind === 'updated' || event.kind === 'resubmitted') && changes.length > 0 ? (
                <ul className="ws-timeline__changes">
                  {changes.map((change) => (
                    <li key={change.key}>
                      <span className="ws-timeline__field">{change.label}</span> <del>{change.before}</del> → <ins>{change.after}</ins>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
