import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormDefinition, Problem } from '@tangram/schema';
import { isApiError } from '../api/api-error';

export type SaveStatus =
  | { readonly kind: 'saved' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saving' }
  /** The server refused the draft: its problems, placed on the screen. The last valid draft stays saved. */
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] }
  | { readonly kind: 'failed'; readonly error: unknown };

/** How long the designer waits after the last edit before it saves. */
export const AUTOSAVE_DELAY_MS = 800;

/**
 * Saves the draft a moment after the last edit (one request at a time; the newest draft wins) and says
 * where that stands. `flush()` saves now and tells whether the server holds exactly this draft.
 */
export function useAutosave(form: FormDefinition, save: (form: FormDefinition) => Promise<unknown>, onUnauthenticated: () => void) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved' });
  const saved = useRef(JSON.stringify(form));
  const latest = useRef(form);
  latest.current = form;
  const inFlight = useRef<Promise<boolean> | null>(null);

  const run = useCallback(async (): Promise<boolean> => {
    // Wait for a save already under way, then save whatever is newest.
    while (inFlight.current) await inFlight.current;
    const body = latest.current;
    const json = JSON.stringify(body);
    if (json === saved.current) {
      setStatus({ kind: 'saved' });
      return true;
    }
    setStatus({ kind: 'saving' });
    const attempt = (async () => {
      try {
        await save(body);
        saved.current = json;
        setStatus(JSON.stringify(latest.current) === json ? { kind: 'saved' } : { kind: 'pending' });
        return true;
      } catch (error) {
        if (isApiError(error) && error.status === 401) onUnauthenticated();
        if (isApiError(error) && error.status === 422) setStatus({ kind: 'invalid', problems: error.errors });
        else setStatus({ kind: 'failed', error });
        return false;
      }
    })();
    inFlight.current = attempt;
    try {
      return await attempt;
    } finally {
      inFlight.current = null;
    }
  }, [save, onUnauthenticated]);

  useEffect(() => {
    if (JSON.stringify(form) === saved.current) return;
    setStatus((s) => (s.kind === 'invalid' ? s : { kind: 'pending' }));
    const timer = setTimeout(() => void run(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [form, run]);

  return { status, flush: run };
}
