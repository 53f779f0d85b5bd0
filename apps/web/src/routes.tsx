import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { describeError } from './api/describe-error';
import { ErrorState, LoadingState } from './components/state-views';
import { useI18n } from './i18n/i18n-provider';
import { matchPath, useRouter } from './router/router';
import { AppHomeScreen } from './screens/app-home-screen';
import { AppListScreen } from './screens/app-list-screen';
import { LoginScreen } from './screens/login-screen';
import { NotFoundScreen } from './screens/not-found-screen';
import { SetupScreen } from './screens/setup-screen';
import { useSession, type SessionState } from './session/session-provider';
import { workspaceRoute } from './workspace/workspace-routes';
import { importRoute } from './import/import-routes';
import { designerRoute } from './designer/designer-routes';
import { dashboardRoute } from './dashboards/dashboard-routes';
import { publicPageRoute, publicSettingsRoute } from './public-form/public-form-routes';
import { outboxRoute } from './offline/offline-routes';

/** Puts the address bar where the screen is, without adding a history entry. */
function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return null;
}

function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  // Only same-site paths: `//evil.example` or `https://…` would leave the app after sign-in.
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') && !next.startsWith('/setup') ? next : '/apps';
}


/** The session decides which screen; the address only picks among a signed-in user's pages. */
export function Routes() {
  const { t, locale } = useI18n();
  const { state, recheck } = useSession();
  const { location } = useRouter();
  const { pathname, search } = location;
  // The public page is for visitors: it neither waits for nor redirects by the session.
  const publicPage = publicPageRoute(pathname);
  if (publicPage) return publicPage;

  const screens: { [S in SessionState['kind']]: (state: Extract<SessionState, { kind: S }>) => ReactNode } = {
    checking: () => (
      <div className="boot">
        <LoadingState label={t('common.loading')} />
      </div>
    ),
    unreachable: (s) => (
      <div className="boot">
        <ErrorState title={t('app.name')} message={describeError(s.error, t, locale)} retryLabel={t('common.retry')} onRetry={recheck} />
      </div>
    ),
    setupNeeded: () => (
      <>
        {pathname !== '/setup' ? <Redirect to="/setup" /> : null}
        <SetupScreen />
      </>
    ),
    signedOut: (s) => {
      const next = pathname === '/login' ? search : pathname === '/' || pathname === '/setup' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
      return (
        <>
          {pathname !== '/login' ? <Redirect to={`/login${next}`} /> : null}
          <LoginScreen key={String(s.expired)} expired={s.expired} />
        </>
      );
    },
    signedIn: ({ user }) => {
      if (pathname === '/' || pathname === '/login' || pathname === '/setup') {
        return <Redirect to={pathname === '/login' ? safeNext(search) : '/apps'} />;
      }
      if (matchPath('/apps', pathname)) return <AppListScreen user={user} />;
      const app = matchPath('/apps/:app', pathname);
      if (app) return <AppHomeScreen key={app.app} user={user} appKey={app.app as string} />;
      const outbox = outboxRoute(pathname, user);
      if (outbox) return outbox;
      const publicSettings = publicSettingsRoute(pathname, user);
      if (publicSettings) return publicSettings;
      const dashboards = dashboardRoute(pathname, search, user, t('common.loading'));
      if (dashboards) return dashboards;
      const designer = designerRoute(pathname, user);
      if (designer) return designer;
      const imports = importRoute(pathname, search, user);
      if (imports) return imports;
      const workspace = workspaceRoute(pathname, user);
      if (workspace) return workspace;
      return <NotFoundScreen user={user} />;
    },
  };
  return <>{(screens[state.kind] as (s: SessionState) => ReactNode)(state)}</>;
}
