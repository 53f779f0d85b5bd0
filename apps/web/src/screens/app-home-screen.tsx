import { useApi } from '../api/api-provider';
import { isApiError } from '../api/api-error';
import { describeError } from '../api/describe-error';
import type { AppSummary, CurrentUser, FormSummary } from '../api/endpoints';
import { AppIcon } from '../components/app-icon';
import { EmptyState, ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { Link } from '../router/router';
import { AppShell } from '../shell/app-shell';
import { latestForms } from './latest-forms';
import { designerPaths } from '../designer/designer-paths';

interface AppHomeData {
  readonly app: AppSummary | undefined;
  readonly forms: readonly FormSummary[];
  /** Designers see drafts in the list (the server decides); they get the designer's entry points. */
  readonly canDesign: boolean;
}

export function FormNav({ appKey, forms, current }: { appKey: string; forms: readonly FormSummary[]; current: string | undefined }) {
  const { t, text } = useI18n();
  return (
    <div className="form-nav">
      <h2 className="form-nav__title">{t('appHome.forms')}</h2>
      {forms.length === 0 ? (
        <p className="form-nav__empty">{t('appHome.noForms.title')}</p>
      ) : (
        <ul className="form-nav__list">
          {forms.map((form) => (
            <li key={form.key}>
              <Link
                to={`/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(form.key)}`}
                className="nav-item"
                aria-current={current === form.key ? 'page' : undefined}
              >
                <svg className="nav-item__icon" viewBox="0 0 20 20" aria-hidden="true">
                  <rect x="3.5" y="2.5" width="13" height="15" rx="2" fill="none" stroke="currentColor" strokeWidth="1.4" />
                  <path d="M7 7h6M7 10h6M7 13h4" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
                </svg>
                <span className="nav-item__label">{text(form.body?.name) || form.key}</span>
                {form.status === 'draft' ? <span className="badge badge--muted">{t('form.status.draft')}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** `/apps/:app` and `/apps/:app/forms/:form`: the app's navigation and the workspace that later fills in. */
export function AppHomeScreen({ user, appKey }: { user: CurrentUser; appKey: string }) {
  const { t, text, locale } = useI18n();
  const api = useApi();
  const data = useLoad<AppHomeData>(async () => {
    const [apps, forms] = await Promise.all([
      api.listApps(),
      // Listing forms is a designer's right today; for everyone else the app simply shows no forms yet.
      api.listForms(appKey).catch((error: unknown) => {
        if (isApiError(error) && error.status === 403) return [];
        throw error;
      }),
    ]);
    return { app: apps.find((app) => app.key === appKey), forms: latestForms(forms), canDesign: user.isAdmin === true || forms.some((f) => f.status === 'draft') };
  }, [api, appKey, user.isAdmin]);

  const notFound = data.kind === 'failed' && isApiError(data.error) && data.error.status === 404;
  const app = data.kind === 'ready' ? data.value.app : undefined;
  const appName = app ? text(app.name) || app.key : appKey;
  const forms = data.kind === 'ready' ? data.value.forms : [];
  const canDesign = data.kind === 'ready' && data.value.canDesign;

  const crumb = (
    <Link to={`/apps/${encodeURIComponent(appKey)}`} className="crumb">
      <AppIcon name={appName} icon={app?.icon} color={app?.color} size="sm" />
      <span className="crumb__label">{appName}</span>
    </Link>
  );

  return (
    <AppShell user={user} crumb={crumb} title={appName} sidebar={data.kind === 'ready' ? <FormNav appKey={appKey} forms={forms} current={undefined} /> : undefined}>
      <div className="page">
        {data.kind === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
        {data.kind === 'failed' ? (
          <ErrorState
            title={t('appHome.error.title')}
            message={notFound ? t('appHome.notFound', { key: appKey }) : describeError(data.error, t, locale)}
            retryLabel={t('common.retry')}
            {...(notFound ? {} : { onRetry: data.reload })}
          />
        ) : null}
        {data.kind === 'failed' && notFound ? (
          <Link to="/apps" className="button button--secondary page__back">
            {t('common.backToApps')}
          </Link>
        ) : null}
        {data.kind === 'ready' ? (
          <>
            <header className="page__header">
              <div>
                <h1 className="page__title">{appName}</h1>
                <p className="page__subtitle">{app?.description ? text(app.description) : null}</p>
              </div>
              <Link to={`/apps/${encodeURIComponent(appKey)}/dashboards`} className="button button--secondary">
                {t('dash.nav')}
              </Link>
              {canDesign ? (
                <Link to={designerPaths(appKey).create} className="button button--secondary">
                  {t('designer.newLink')}
                </Link>
              ) : null}
            </header>
            {forms.length === 0 ? (
              <EmptyState title={t('appHome.noForms.title')} hint={t('appHome.noForms.hint')} />
            ) : (
              <section className="form-overview" aria-labelledby="form-overview-title">
                <h2 className="section-title" id="form-overview-title">
                  {t('appHome.welcome.title')}
                </h2>
                <p className="section-hint">{t('appHome.welcome.hint')}</p>
                <ul className="app-grid">
                  {forms.map((form) => (
                    <li key={form.key}>
                      <Link to={`/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(form.key)}`} className="app-card">
                        <span className="form-card__icon" aria-hidden="true">
                          <svg viewBox="0 0 20 20">
                            <rect x="3.5" y="2.5" width="13" height="15" rx="2" fill="none" stroke="currentColor" strokeWidth="1.4" />
                            <path d="M7 7h6M7 10h6M7 13h4" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
                          </svg>
                        </span>
                        <span className="app-card__text">
                          <span className="app-card__name">{text(form.body?.name) || form.key}</span>
                          <span className="app-card__description">
                            {form.status === 'published' ? t('form.version', { version: form.version }) : t('form.status.draft')}
                          </span>
                        </span>
                      </Link>
                      {canDesign ? (
                        <Link to={designerPaths(appKey).form(form.key)} className="form-card__design" aria-label={`${t('designer.link')} · ${text(form.body?.name) || form.key}`}>
                          {t('designer.link')}
                        </Link>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        ) : null}
      </div>
    </AppShell>
  );
}
