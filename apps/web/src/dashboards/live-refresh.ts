import { useEffect, useRef } from 'react';
import type { DashboardItem } from '@tangram/schema';
import { subscribeTopic } from '../realtime/realtime-client';
import { formTopic } from '../realtime/use-topic';

/**
 * THE integration point for live dashboards: tells `onChange` which forms of `app` had records written.
 * Each form's `form:<app>/<form>` topic on the realtime socket reports the changes the viewer may see;
 * after a reconnect (`resync`) events may have been missed, so the form counts as changed. A refused
 * subscription (the form is not readable) changes nothing: its charts already show their error.
 */
export function subscribeRecordChanges(app: string, forms: readonly string[], onChange: (forms: readonly string[]) => void): () => void {
  const stops = forms.map((form) =>
    subscribeTopic(formTopic(app, form), (event) => {
      if (event.kind !== 'refused') onChange([form]);
    }),
  );
  return () => stops.forEach((stop) => stop());
}

/** Changes arriving in a burst (an import, a busy till) refresh charts once, this long after the last one. */
export const REFRESH_DEBOUNCE_MS = 800;

/**
 * Collects changed forms and calls `refresh` with them once the burst is over; only the charts reading
 * those forms rerun (the caller decides which, from the set).
 */
export function useLiveRefresh(app: string, forms: readonly string[], refresh: (forms: ReadonlySet<string>) => void): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  const key = [...new Set(forms)].sort().join('\u0000');
  useEffect(() => {
    const watched = key ? key.split('\u0000') : [];
    if (watched.length === 0) return;
    let pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribeRecordChanges(app, watched, (changed) => {
      for (const form of changed) pending.add(form);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const due = pending;
        pending = new Set();
        latest.current(due);
      }, REFRESH_DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [app, key]);
}

/**
 * Which charts read one of the changed forms: only they rerun after a live change.
 * affectedItems([{id: 'a', report: {source: {form: 'lead'}}}, {id: 'b', report: {source: {form: 'order'}}}], new Set(['lead'])) -> ['a']
 */
export function affectedItems(items: readonly DashboardItem[], forms: ReadonlySet<string>): readonly string[] {
  return items.filter((item) => item.report !== undefined && forms.has(item.report.source.form)).map((item) => item.id);
}
