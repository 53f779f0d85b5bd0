import { useApi } from '../api/api-provider';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { AppIcon } from '../components/app-icon';
import { EmptyState, ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { Link } from '../router/router';
import { AppShell } from '../shell/app-shell';

export function AppListScreen({ user }: { user: CurrentUser }) {
  const { t, text, locale } = useI18n();
  const api = useApi();
  const apps = useLoad(() => api.listApps(), [api]);

  return (
    <AppShell user={user} title={t('apps.title')}>
      <div className="page">
        <header className="page__header">
          <div>
            <h1 className="page__title">{t('apps.title')}</h1>
            <p className="page__subtitle">{t('apps.subtitle')}</p>
          </div>
          {apps.kind === 'ready' && apps.value.length > 0 ? (
            <span className="page__meta">{t('apps.count', { count: apps.value.length })}</span>
          ) : null}
        </header>
        {apps.kind === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
        {apps.kind === 'failed' ? (
          <ErrorState title={t('apps.error.title')} message={describeError(apps.error, t, locale)} retryLabel={t('common.retry')} onRetry={apps.reload} />
        ) : null}
        {apps.kind === 'ready' && apps.value.length === 0 ? <EmptyState title={t('apps.empty.title')} hint={t('apps.empty.hint')} /> : null}
        {apps.kind === 'ready' && apps.value.length > 0 ? (
          <ul className="app-grid" aria-label={t('apps.title')}>
            {apps.value.map((app) => {
              const name = text(app.name) || app.key;
              return (
                <li key={app.id ?? app.key}>
                  <Link to={`/apps/${encodeURIComponent(app.key)}`} className="app-card" aria-label={t('apps.open', { name })}>
                    <AppIcon name={name} icon={app.icon} color={app.color} />
                    <span className="app-card__text">
                      <span className="app-card__name">{name}</span>
                      {app.description ? <span className="app-card__description">{text(app.description)}</span> : null}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    </AppShell>
  );
}
