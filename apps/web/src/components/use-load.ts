import { useCallback, useEffect, useState } from 'react';
import { isApiError } from '../api/api-error';
import { useSession } from '../session/session-provider';

export type LoadState<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly value: T }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Runs a read when its inputs change; a 401 means the session ended, so it sends the user to sign in.
 * Stale answers (inputs changed meanwhile) are dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): LoadState<T> & { readonly reload: () => void } {
  const { expired } = useSession();
  const [state, setState] = useState<LoadState<T>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    load().then(
      (value) => current && setState({ kind: 'ready', value }),
      (error: unknown) => {
        if (!current) return;
        if (isApiError(error) && error.status === 401) expired();
        else setState({ kind: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
