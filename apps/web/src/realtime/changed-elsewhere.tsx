import { useState } from 'react';
import { useI18n } from '../i18n/i18n-provider';
import { recordTopic, useTopic } from './use-topic';
import './realtime.css';

export type ElsewhereState = 'current' | 'changed' | 'deleted';

interface RecordEventData { readonly id: string; readonly kind: 'created' | 'updated' | 'deleted' | 'restored'; readonly version: number | null }

/**
 * Whether the record on screen was changed or deleted by someone else since it was loaded. A change this
 * tab made itself arrives with the version already shown, so it says nothing. After a reconnect, the
 * record is read again (`currentVersion`) to learn what was missed; it resolves to null when deleted.
 */
export function useChangedElsewhere(app: string, form: string, id: string, shownVersion: number | null, currentVersion: () => Promise<number | null>): ElsewhereState {
  const [state, setState] = useState<{ readonly version: number | null; readonly value: ElsewhereState }>({ version: shownVersion, value: 'current' });
  // A reload shows the new version: the earlier verdict no longer applies.
  const current = state.version === shownVersion ? state.value : 'current';
  const judge = (value: ElsewhereState) => setState({ version: shownVersion, value });

  useTopic(shownVersion === null ? null : recordTopic(app, form, id), (event) => {
    if (event.kind === 'event') {
      const data = event.data as RecordEventData;
      if (data.kind === 'deleted') judge('deleted');
      else if (data.version === null || data.version > (shownVersion ?? 0)) judge('changed');
    } else if (event.kind === 'resync') {
      void currentVersion().then((version) => {
        if (version === null) judge('deleted');
        else if (version > (shownVersion ?? 0)) judge('changed');
      }, () => undefined);
    }
  });
  return current;
}

/** The notice above a record someone else changed, with the way to see the new version. */
export function ChangedElsewhereNotice({ state, onReload }: { state: ElsewhereState; onReload: () => void }) {
  const { t } = useI18n();
  return (
    <div className={state === 'deleted' ? 'rt-bar rt-bar--warn' : 'rt-bar'} role="status" aria-live="polite" hidden={state === 'current'}>
      {state !== 'current' ? (
        <>
          <span className="rt-bar__text">{state === 'deleted' ? t('realtime.record.deleted') : t('realtime.record.changed')}</span>
          {state === 'changed' ? (
            <button type="button" className="button button--secondary rt-bar__action" onClick={onReload}>
              {t('realtime.record.reload')}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
