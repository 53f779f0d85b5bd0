import { useEffect, useState } from 'react';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { useRouter } from '../router/router';
import { useDocumentTitle } from '../shell/use-document-title';
import { DashboardBoard } from './dashboard-board';
import { useDashboardsApi } from './dashboards-api';
import { dashboardPaths } from './paths';
import { usePhoneLayout } from './use-phone-layout';
import './dashboards.css';

/** The wall clock in the corner of the TV, so a glance tells the numbers are current. */
function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * `/apps/:app/dashboards/:key/tv`: the dashboard alone on the screen for the morning meeting on a store's
 * TV: large type, no menus, the time of the last update; charts refresh when their records change.
 */
export function TvScreen({ user, appKey, dashKey }: { user: CurrentUser; appKey: string; dashKey: string }) {
  const { t, text, locale } = useI18n();
  const { navigate } = useRouter();
  const api = useDashboardsApi(appKey);
  const data = useLoad(() => api.get(dashKey), [api, dashKey]);
  const phone = usePhoneLayout();
  const now = useClock();
  const title = data.kind === 'ready' ? text(data.value.dashboard.title) || dashKey : dashKey;
  useDocumentTitle(title, t('app.name'));

  const exit = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    navigate(dashboardPaths(appKey).dashboard(dashKey));
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.fullscreenElement) exit();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });
  useEffect(() => () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, []);

  const time = (d: Date) => d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  return (
    <main className="dash-tv">
      <header className="dash-tv__header">
        <h1 className="dash-tv__title">{title}</h1>
        <span className="dash-tv__clock">{now.toLocaleDateString(locale, { dateStyle: 'medium' })} {time(now)}</span>
        <button type="button" className="button button--secondary" onClick={exit}>
          {t('dash.tv.exit')}
        </button>
      </header>
      {data.kind === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
      {data.kind === 'failed' ? <ErrorState title={t('dash.error.title')} message={describeError(data.error, t, locale)} retryLabel={t('common.retry')} onRetry={data.reload} /> : null}
      {data.kind === 'ready' ? (
        <DashboardBoard user={user} appKey={appKey} dashboard={data.value.dashboard} api={api} editing={false} phone={phone} presenting>
          {(board) => (
            <p className="dash-tv__updated" aria-live="polite">
              {t('dash.tv.updated', { time: time(board.lastUpdate) })}
            </p>
          )}
        </DashboardBoard>
      ) : null}
    </main>
  );
}
