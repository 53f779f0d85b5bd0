import { useCallback, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-provider';
import { formTopic, useTopic } from './use-topic';
import './realtime.css';

/** A `form:` topic event as the server sends it (docs/realtime.md): ids, kinds, versions; never values. */
interface FormEventData {
  readonly changes: readonly { readonly id: string; readonly kind: 'created' | 'updated' | 'deleted' | 'restored'; readonly version: number | null }[];
  readonly refetch: boolean;
}

export interface LiveList {
  /** Records created elsewhere since the list was loaded. */
  readonly created: number;
  /** Records on screen changed, or changes could not be listed: the list should be read again. */
  readonly stale: boolean;
  /** The list was read again: start counting afresh. */
  readonly clear: () => void;
}

/**
 * Follows a form's records while its list is shown. New records are counted (the list does not jump under
 * the reader's finger); changes to records on screen, and anything missed while offline, mark it stale.
 */
export function useLiveList(app: string, form: string, shownRecords: readonly { readonly id: string; readonly version: number }[]): LiveList {
  const [created, setCreated] = useState<ReadonlySet<string>>(new Set());
  const [stale, setStale] = useState(false);
  const shown = useRef(new Map<string, number>());
  shown.current = new Map(shownRecords.map((r) => [r.id, r.version]));

  useTopic(formTopic(app, form), (event) => {
    if (event.kind === 'resync') setStale(true);
    if (event.kind !== 'event') return;
    const data = event.data as FormEventData;
    if (data.refetch) setStale(true);
    const fresh = data.changes.filter((c) => c.kind === 'created' && !shown.current.has(c.id)).map((c) => c.id);
    if (fresh.length > 0) setCreated((before) => new Set([...before, ...fresh]));
    // A change the list already shows (the reader's own move, read again since) is not news.
    const changedOnScreen = (c: FormEventData['changes'][number]) => shown.current.has(c.id) && (c.version === null || c.version !== shown.current.get(c.id));
    if (data.changes.some((c) => c.kind !== 'created' && changedOnScreen(c))) setStale(true);
  });

  const clear = useCallback(() => {
    setCreated(new Set());
    setStale(false);
  }, []);
  return { created: created.size, stale, clear };
}

/** "3 new records — Show" above a list; nothing when the list is current. */
export function LiveListBar({ live, onShow }: { live: LiveList; onShow: () => void }) {
  const { t } = useI18n();
  const message = live.created === 1 ? t('realtime.list.newOne') : live.created > 1 ? t('realtime.list.new', { count: live.created }) : live.stale ? t('realtime.list.changed') : '';
  return (
    <div className="rt-bar" role="status" aria-live="polite" hidden={!message}>
      {message ? (
        <>
          <span className="rt-bar__text">{message}</span>
          <button type="button" className="button button--secondary rt-bar__action" onClick={() => { live.clear(); onShow(); }}>
            {live.created > 0 ? t('realtime.list.show') : t('realtime.list.refresh')}
          </button>
        </>
      ) : null}
    </div>
  );
}
