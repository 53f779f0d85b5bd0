import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/api-provider';
import type { CurrentUser } from '../api/endpoints';

/** Where the visitor stands; the screens shown follow from this alone. */
export type SessionState =
  | { readonly kind: 'checking' }
  | { readonly kind: 'setupNeeded' }
  | { readonly kind: 'signedOut'; readonly expired: boolean }
  | { readonly kind: 'signedIn'; readonly user: CurrentUser }
  | { readonly kind: 'unreachable'; readonly error: ApiError | Error };

interface Session {
  readonly state: SessionState;
  readonly signedIn: (user: CurrentUser) => void;
  readonly signOut: () => Promise<void>;
  /** A call answered 401 after sign-in: the session ended on the server. */
  readonly expired: () => void;
  readonly recheck: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [state, setState] = useState<SessionState>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const settle = (next: SessionState) => {
      if (!cancelled) setState(next);
    };
    (async () => {
      try {
        const setup = await api.setupStatus();
        if (setup.needed) return settle({ kind: 'setupNeeded' });
      } catch (error) {
        // A server without the setup endpoint simply has nothing to set up.
        if (!(isApiError(error) && error.status === 404)) return settle({ kind: 'unreachable', error: error as Error });
      }
      try {
        settle({ kind: 'signedIn', user: await api.me() });
      } catch (error) {
        if (isApiError(error) && (error.status === 401 || error.status === 403)) settle({ kind: 'signedOut', expired: false });
        else settle({ kind: 'unreachable', error: error as Error });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, attempt]);

  const signedIn = useCallback((user: CurrentUser) => setState({ kind: 'signedIn', user }), []);
  const expired = useCallback(() => setState({ kind: 'signedOut', expired: true }), []);
  const recheck = useCallback(() => {
    setState({ kind: 'checking' });
    setAttempt((n) => n + 1);
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch (error) {
      // Already signed out on the server is the outcome we want anyway.
      if (!(isApiError(error) && error.status === 401)) throw error;
    }
    setState({ kind: 'signedOut', expired: false });
  }, [api]);

  const value = useMemo(() => ({ state, signedIn, signOut, expired, recheck }), [state, signedIn, signOut, expired, recheck]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() is used outside <SessionProvider>');
  return session;
}
