import { useState, type FormEvent } from 'react';
import type { DashboardDefinition } from '@tangram/schema';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { EmptyState, ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { Link, useRouter } from '../router/router';
import { ConfirmDialog, DashDialog } from './dash-dialog';
import { DashboardFrame } from './dashboard-frame';
import { useDashboardsApi, type DashboardSummary } from './dashboards-api';
import { dashboardPaths } from './paths';

/**
 * A dashboard key from its name: ASCII words joined by "_", else a short code from the time; the key
 * only has to be unique in the app and match ^[a-z][a-z0-9_]*$.
 * dashboardKey('Morning meeting', 0) -> "morning_meeting"; dashboardKey('晨会', 1732339200000) -> "d_m3t9k0g0"
 */
export function dashboardKey(name: string, now: number): string {
  const ascii = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^[^a-z]+/, '').slice(0, 40);
  return ascii || `d_${now.toString(36)}`;
}

function NewDashboardDialog({ onCreate, onClose }: { onCreate: (name: string) => Promise<string | null>; onClose: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('dash.new.nameRequired'));
      return;
    }
    setBusy(true);
    const problem = await onCreate(name.trim());
    setBusy(false);
    setError(problem);
  };
  return (
    <DashDialog title={t('dash.new.title')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label className="field__label" htmlFor="dash-new-name">
          {t('dash.new.name')}
        </label>
        <input id="dash-new-name" className="field__input" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'dash-new-error' : undefined} />
        {error ? (
          <p id="dash-new-error" className="field__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dash-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('dash.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('dash.new.create')}
          </button>
        </div>
      </form>
    </DashDialog>
  );
}

/** `/apps/:app/dashboards`: the app's dashboards, a new one, and delete (after a confirmation). */
export function DashboardListScreen({ user, appKey }: { user: CurrentUser; appKey: string }) {
  const { t, text, locale } = useI18n();
  const { navigate } = useRouter();
  const api = useDashboardsApi(appKey);
  // The caller's default (by role) is marked, so HQ, store managers and clerks each know which one is theirs.
  const list = useLoad(async () => {
    // Role names only label the list: without them it shows the keys.
    const [items, mine, roles] = await Promise.all([
      api.list(),
      api.byDefault().then((d) => d.key, () => null),
      api.roles().catch(() => []),
    ]);
    return { items, mine, roleNames: new Map(roles.map((r) => [r.key, r.name])) };
  }, [api]);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<DashboardSummary | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const paths = dashboardPaths(appKey);

  const create = async (name: string): Promise<string | null> => {
    const dashboard: DashboardDefinition = {
      schemaVersion: 1,
      key: dashboardKey(name, Date.now()),
      title: { 'zh-CN': name, en: name },
      // Every record has these columns, so the date, store and owner filters work whatever charts come;
      // the last 30 days by default, so KPI cards can compare with the 30 days before.
      filters: { dateRange: { field: 'createdAt', default: 'last30Days' }, orgUnit: { field: 'orgUnitId' }, owner: { field: 'ownerId' } },
      layout: [],
    };
    try {
      const saved = await api.create(dashboard);
      navigate(paths.dashboard(saved.key));
      return null;
    } catch (error) {
      return describeError(error, t, locale);
    }
  };

  return (
    <DashboardFrame user={user} appKey={appKey} title={t('dash.list.title')}>
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('dash.list.title')}</h1>
          <p className="page__subtitle">{t('dash.list.subtitle')}</p>
        </div>
        <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
          + {t('dash.new')}
        </button>
      </header>
      {deleteError ? (
        <p className="dash-alert" role="alert">
          {deleteError}
        </p>
      ) : null}
      {list.kind === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
      {list.kind === 'failed' ? <ErrorState title={t('dash.list.error')} message={describeError(list.error, t, locale)} retryLabel={t('common.retry')} onRetry={list.reload} /> : null}
      {list.kind === 'ready' && list.value.items.length === 0 ? (
        <EmptyState
          title={t('dash.list.empty.title')}
          hint={t('dash.list.empty.hint')}
          action={
            <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
              + {t('dash.new')}
            </button>
          }
        />
      ) : null}
      {list.kind === 'ready' && list.value.items.length > 0 ? (
        <ul className="dash-list">
          {list.value.items.map((d) => (
            <li key={d.key} className="dash-list__item">
              <Link to={paths.dashboard(d.key)} className="dash-list__link">
                <span className="dash-list__name">{text(d.title) || d.key}</span>
                {list.value.mine === d.key ? <span className="badge">{t('dash.list.myDefault')}</span> : null}
                {d.roles && d.roles.length > 0 ? <span className="dash-list__meta">{t('dash.list.roles', { roles: d.roles.map((k) => { const name = list.value.roleNames.get(k); return name ? text(name) : k; }).join(locale === 'zh-CN' ? '、' : ', ') })}</span> : null}
              </Link>
              <button type="button" className="icon-button dash-danger-text" aria-label={`${t('dash.delete')}: ${text(d.title) || d.key}`} onClick={() => setDeleting(d)}>
                <svg viewBox="0 0 20 20" aria-hidden="true">
                  <path d="M4 6h12M8 6V4h4v2M6 6l1 10h6l1-10" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {creating ? <NewDashboardDialog onCreate={create} onClose={() => setCreating(false)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={t('dash.delete.title', { name: text(deleting.title) || deleting.key })}
          hint={t('dash.delete.hint')}
          confirm={t('dash.delete.confirm')}
          cancel={t('dash.cancel')}
          onClose={() => setDeleting(null)}
          onConfirm={() => {
            const gone = deleting;
            setDeleting(null);
            setDeleteError(null);
            api.remove(gone.key).then(list.reload, (error: unknown) => setDeleteError(describeError(error, t, locale)));
          }}
        />
      ) : null}
    </DashboardFrame>
  );
}
