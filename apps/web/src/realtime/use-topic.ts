import { useEffect, useRef } from 'react';
import { subscribeTopic, type TopicEvent } from './realtime-client';

/**
 * Follows a realtime topic while the component is mounted (null: follow nothing). The latest `onEvent`
 * is called; changing it does not resubscribe.
 *
 *   useTopic(`record:${app}/${form}/${id}`, (e) => { if (e.kind === 'event') setChangedElsewhere(true); });
 */
export function useTopic(topic: string | null, onEvent: (event: TopicEvent) => void): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    if (!topic) return;
    return subscribeTopic(topic, (event) => latest.current(event));
  }, [topic]);
}

/** `form:crm/lead` */
export function formTopic(app: string, form: string): string {
  return `form:${app}/${form}`;
}

/** `record:crm/lead/42` */
export function recordTopic(app: string, form: string, id: string): string {
  return `record:${app}/${form}/${id}`;
}
