import { useMemo, useRef, type ReactNode } from 'react';
import type { DefinitionVersion, FormDefinition } from '@tangram/schema';
import { useApi } from '../api/api-provider';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { AppIcon } from '../components/app-icon';
import { ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { Link } from '../router/router';
import { AppShell } from '../shell/app-shell';
import { createRecordsApi, type RecordsApi } from './records-api';
import { workspacePaths } from './paths';
import './workspace.css';

export interface WorkspaceContext {
  readonly user: CurrentUser;
  readonly appKey: string;
  readonly formKey: string;
  readonly form: FormDefinition;
  readonly formVersion: number;
  readonly formName: string;
  readonly records: RecordsApi;
  readonly paths: ReturnType<typeof workspacePaths>;
}

/** One client per form page; it reads the language per call so a switch applies to the next request. */
export function useRecordsApi(appKey: string, formKey: string): RecordsApi {
  const { locale } = useI18n();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  return useMemo(() => createRecordsApi(() => localeRef.current, appKey, formKey), [appKey, formKey]);
}

/**
 * The frame of every workspace page: the shell with app and form in the breadcrumb, and the form's latest
 * published version loaded once for the page inside.
 */
export function WorkspaceFrame({ user, appKey, formKey, title, children }: { user: CurrentUser; appKey: string; formKey: string; title?: (formName: string) => string; children: (ctx: WorkspaceContext) => ReactNode }) {
  const { t, text, locale } = useI18n();
  const api = useApi();
  const records = useRecordsApi(appKey, formKey);
  const data = useLoad(async () => {
    const [apps, version] = await Promise.all([api.listApps().catch(() => []), records.latestForm()]);
    return { app: apps.find((app) => app.key === appKey), version: version as DefinitionVersion<FormDefinition> };
  }, [api, records, appKey]);

  const app = data.kind === 'ready' ? data.value.app : undefined;
  const appName = app ? text(app.name) || app.key : appKey;
  const formName = data.kind === 'ready' ? text(data.value.version.body.name) || formKey : formKey;
  const paths = workspacePaths(appKey, formKey);

  const crumb = (
    <span className="ws-crumbs">
      <Link to={`/apps/${encodeURIComponent(appKey)}`} className="crumb">
        <AppIcon name={appName} icon={app?.icon} color={app?.color} size="sm" />
        <span className="crumb__label">{appName}</span>
      </Link>
      <span className="ws-crumbs__sep" aria-hidden="true">/</span>
      <Link to={paths.list} className="crumb">
        <span className="crumb__label">{formName}</span>
      </Link>
    </span>
  );

  const notPublished = data.kind === 'failed' && typeof data.error === 'object' && data.error !== null && 'status' in data.error && (data.error.status === 404 || data.error.status === 409);

  return (
    <AppShell user={user} crumb={crumb} title={`${title ? title(formName) : formName} · ${appName}`}>
      <div className="page ws-page">
        {data.kind === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
        {data.kind === 'failed' ? (
          <ErrorState
            title={t('workspace.formError.title')}
            message={notPublished ? t('workspace.notPublished', { form: formKey }) : describeError(data.error, t, locale)}
            retryLabel={t('common.retry')}
            onRetry={data.reload}
          />
        ) : null}
        {data.kind === 'ready'
          ? children({ user, appKey, formKey, form: data.value.version.body, formVersion: data.value.version.version, formName, records, paths })
          : null}
      </div>
    </AppShell>
  );
}
