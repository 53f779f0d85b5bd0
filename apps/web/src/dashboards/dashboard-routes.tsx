import { lazy, Suspense, type ReactNode } from 'react';
import type { CurrentUser } from '../api/endpoints';
import { LoadingState } from '../components/state-views';
import { matchPath } from '../router/router';

// The dashboard pages load on first visit: they bring echarts, which the rest of the app never needs.
const DashboardListScreen = lazy(() => import('./dashboard-list-screen').then((m) => ({ default: m.DashboardListScreen })));
const DashboardScreen = lazy(() => import('./dashboard-screen').then((m) => ({ default: m.DashboardScreen })));
const TvScreen = lazy(() => import('./tv-screen').then((m) => ({ default: m.TvScreen })));
const ReportDesignerScreen = lazy(() => import('./report-designer-screen').then((m) => ({ default: m.ReportDesignerScreen })));
const DrillScreen = lazy(() => import('./drill-screen').then((m) => ({ default: m.DrillScreen })));

function Loading({ children, label }: { children: ReactNode; label: string }) {
  return (
    <Suspense
      fallback={
        <div className="boot">
          <LoadingState label={label} />
        </div>
      }
    >
      {children}
    </Suspense>
  );
}

/**
 * The dashboard pages of an app, or null when the address is not one of them.
 * dashboardRoute('/apps/crm/dashboards/morning', '', user, '…') -> <DashboardScreen dashKey="morning" …/>
 */
export function dashboardRoute(pathname: string, search: string, user: CurrentUser, loadingLabel: string): ReactNode | null {
  const list = matchPath('/apps/:app/dashboards', pathname);
  if (list) return <Loading label={loadingLabel}><DashboardListScreen user={user} appKey={list.app as string} /></Loading>;
  const tv = matchPath('/apps/:app/dashboards/:key/tv', pathname);
  if (tv) return <Loading label={loadingLabel}><TvScreen key={pathname} user={user} appKey={tv.app as string} dashKey={tv.key as string} /></Loading>;
  const design = matchPath('/apps/:app/dashboards/:key/design', pathname);
  if (design) return <Loading label={loadingLabel}><ReportDesignerScreen key={pathname + search} user={user} appKey={design.app as string} dashKey={design.key as string} itemId={new URLSearchParams(search).get('item')} /></Loading>;
  const drill = matchPath('/apps/:app/dashboards/:key/records', pathname);
  if (drill) return <Loading label={loadingLabel}><DrillScreen key={pathname + search} user={user} appKey={drill.app as string} dashKey={drill.key as string} search={search} /></Loading>;
  const one = matchPath('/apps/:app/dashboards/:key', pathname);
  if (one) return <Loading label={loadingLabel}><DashboardScreen key={pathname} user={user} appKey={one.app as string} dashKey={one.key as string} /></Loading>;
  return null;
}
