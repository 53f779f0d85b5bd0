import { useState } from 'react';
import type { DashboardDefinition, DashboardItem } from '@tangram/schema';
import { isApiError } from '../api/api-error';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { EmptyState, ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { Link, useRouter } from '../router/router';
import { DashboardBoard } from './dashboard-board';
import { DashboardFrame } from './dashboard-frame';
import { useDashboardsApi, type DashboardsApi } from './dashboards-api';
import { ConfirmDialog } from './dash-dialog';
import { inlineReport } from './chart-tile';
import { dashboardPaths } from './paths';
import { DashboardSettingsDialog } from './dashboard-settings-dialog';
import { SummaryDialog } from './summary-dialog';
import { usePhoneLayout } from './use-phone-layout';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/** Asks the browser for full screen while the click that asked for it is still being handled. */
export function enterFullScreen(): void {
  void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

function Dashboard({ user, appKey, api, initial }: { user: CurrentUser; appKey: string; api: DashboardsApi; initial: DashboardDefinition }) {
  const { t, text, locale } = useI18n();
  const { navigate } = useRouter();
  const phone = usePhoneLayout();
  const [dashboard, setDashboard] = useState(initial);
  const [editing, setEditing] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [removing, setRemoving] = useState<DashboardItem | null>(null);
  const [summary, setSummary] = useState(false);
  const [refreshes, setRefreshes] = useState(0);
  const [settings, setSettings] = useState(false);
  const paths = dashboardPaths(appKey);
  const title = text(dashboard.title) || dashboard.key;

  const store = async (next: DashboardDefinition) => {
    const before = dashboard;
    setDashboard(next);
    setSave({ kind: 'saving' });
    try {
      const saved = await api.save(next);
      setDashboard(saved.dashboard);
      setSave({ kind: 'saved' });
    } catch (error) {
      // The server refused (no design right, a problem in a chart): what is shown goes back to what is stored.
      setDashboard(before);
      setSave({ kind: 'failed', message: describeError(error, t, locale) });
    }
  };

  return (
    <>
      <header className="page__header dash-header">
        <div>
          <h1 className="page__title">{title}</h1>
          <p className="page__subtitle" aria-live="polite">
            {save.kind === 'saving' ? t('dash.saving') : save.kind === 'saved' ? t('dash.saved') : save.kind === 'failed' ? t('dash.saveFailed', { message: save.message }) : '\u00a0'}
          </p>
        </div>
        <div className="dash-toolbar">
          <Link to={paths.design(dashboard.key)} className="button button--primary">
            + {t('dash.addChart')}
          </Link>
          {!phone && dashboard.layout.length > 0 ? (
            <button type="button" className="button button--secondary" aria-pressed={editing} onClick={() => setEditing((e) => !e)}>
              {editing ? t('dash.editDone') : t('dash.edit')}
            </button>
          ) : null}
          <button type="button" className="button button--secondary" data-action="refresh" onClick={() => setRefreshes((n) => n + 1)}>
            {t('dash.refresh')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setSummary(true)} disabled={dashboard.layout.length === 0}>
            {t('dash.summary')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setSettings(true)}>
            {t('dash.settings')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              enterFullScreen();
              navigate(paths.tv(dashboard.key));
            }}
          >
            {t('dash.tv')}
          </button>
        </div>
      </header>
      {editing ? (
        <p className="dash-edit-hint" id="dash-edit-hint">
          {t('dash.editHint')}
        </p>
      ) : null}
      {dashboard.layout.length === 0 ? (
        <EmptyState
          title={t('dash.empty.title')}
          hint={t('dash.empty.hint')}
          action={
            <Link to={paths.design(dashboard.key)} className="button button--primary">
              + {t('dash.addChart')}
            </Link>
          }
        />
      ) : (
        <DashboardBoard
          user={user}
          appKey={appKey}
          dashboard={dashboard}
          api={api}
          editing={editing}
          phone={phone}
          refreshes={refreshes}
          onLayout={(layout) => void store({ ...dashboard, layout })}
          onEditItem={(item) => navigate(paths.design(dashboard.key, item.id))}
          onRemoveItem={setRemoving}
        >
          {(board) => (
            <>
              {settings ? <DashboardSettingsDialog dashboard={dashboard} forms={board.catalog.forms} api={api} onClose={() => setSettings(false)} onSave={(next) => { setSettings(false); void store(next); }} /> : null}
              {summary ? <SummaryDialog dashboard={dashboard} results={board.results} catalog={board.catalog} link={window.location.origin + paths.dashboard(dashboard.key)} onClose={() => setSummary(false)} /> : null}
            </>
          )}
        </DashboardBoard>
      )}
      {settings && dashboard.layout.length === 0 ? (
        <DashboardSettingsDialog dashboard={dashboard} forms={new Map()} api={api} onClose={() => setSettings(false)} onSave={(next) => { setSettings(false); void store(next); }} />
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={t('dash.tile.remove.title', { title: text(inlineReport(removing)?.title) || t('dash.tile.untitled') })}
          hint={t('dash.tile.remove.hint')}
          confirm={t('dash.tile.remove')}
          cancel={t('dash.cancel')}
          onClose={() => setRemoving(null)}
          onConfirm={() => {
            const gone = removing;
            setRemoving(null);
            void store({ ...dashboard, layout: dashboard.layout.filter((i) => i.id !== gone.id) });
          }}
        />
      ) : null}
    </>
  );
}

/** `/apps/:app/dashboards/:key`: one dashboard with its filters, charts, arrangement, exports and summary. */
export function DashboardScreen({ user, appKey, dashKey }: { user: CurrentUser; appKey: string; dashKey: string }) {
  const { t, text, locale } = useI18n();
  const api = useDashboardsApi(appKey);
  const data = useLoad(() => api.get(dashKey), [api, dashKey]);
  const notFound = data.kind === 'failed' && isApiError(data.error) && data.error.status === 404;
  const title = data.kind === 'ready' ? text(data.value.dashboard.title) || dashKey : dashKey;
  return (
    <DashboardFrame user={user} appKey={appKey} title={title}>
      {data.kind === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
      {data.kind === 'failed' ? (
        <ErrorState title={t('dash.error.title')} message={notFound ? t('dash.notFound', { key: dashKey }) : describeError(data.error, t, locale)} retryLabel={t('common.retry')} {...(notFound ? {} : { onRetry: data.reload })} />
      ) : null}
      {data.kind === 'ready' ? <Dashboard key={data.value.updatedAt} user={user} appKey={appKey} api={api} initial={data.value.dashboard} /> : null}
    </DashboardFrame>
  );
}
