import type { ReactNode } from 'react';
import type { CurrentUser } from '../api/endpoints';
import { useApi } from '../api/api-provider';
import { AppIcon } from '../components/app-icon';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { Link } from '../router/router';
import { AppShell } from '../shell/app-shell';
import { dashboardPaths } from './paths';
import './dashboards.css';

/** The shell of the dashboard pages: app, then "Dashboards", then the page, in the breadcrumb. */
export function DashboardFrame({ user, appKey, title, current, children }: { user: CurrentUser; appKey: string; title: string; current?: { label: string; to: string }; children: ReactNode }) {
  const { t, text } = useI18n();
  const api = useApi();
  const apps = useLoad(() => api.listApps(), [api]);
  const app = apps.kind === 'ready' ? apps.value.find((a) => a.key === appKey) : undefined;
  const appName = app ? text(app.name) || app.key : appKey;
  const crumb = (
    <span className="ws-crumbs">
      <Link to={`/apps/${encodeURIComponent(appKey)}`} className="crumb">
        <AppIcon name={appName} icon={app?.icon} color={app?.color} size="sm" />
        <span className="crumb__label">{appName}</span>
      </Link>
      <span className="ws-crumbs__sep" aria-hidden="true">/</span>
      <Link to={dashboardPaths(appKey).list} className="crumb">
        <span className="crumb__label">{t('dash.nav')}</span>
      </Link>
      {current ? (
        <>
          <span className="ws-crumbs__sep" aria-hidden="true">/</span>
          <Link to={current.to} className="crumb">
            <span className="crumb__label">{current.label}</span>
          </Link>
        </>
      ) : null}
    </span>
  );
  return (
    <AppShell user={user} crumb={crumb} title={`${title} · ${appName}`}>
      <div className="page dash-page">{children}</div>
    </AppShell>
  );
}
