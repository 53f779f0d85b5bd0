import { useMemo, useRef, type ReactNode } from 'react';
import type { DefinitionVersion, FormDefinition } from '@tangram/schema';
import { useApi } from '../api/api-provider';
import { isApiError } from '../api/api-error';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { AppIcon } from '../components/app-icon';
import { EmptyState, ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { Link } from '../router/router';
import { FormNav } from '../screens/app-home-screen';
import { latestForms } from '../screens/latest-forms';
import { AppShell } from '../shell/app-shell';
import { createRecordsApi, type FormAccess, type RecordsApi } from './records-api';
import { workspacePaths } from './paths';
import { OfflineBanner } from '../offline/offline-banner';
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
  /** Whether the caller's role grants an action here; the page hides what it doesn't (the server still decides). */
  readonly can: (action: 'create' | 'read' | 'update' | 'delete' | 'assign') => boolean;
  /** Fields the caller's role lets them see but not write. */
  readonly readOnlyFields: ReadonlySet<string>;
  /** Per field, values the caller's role may not set (a clerk may not mark a lead won). */
  readonly deniedValues: Readonly<Record<string, readonly unknown[]>>;
}

/** The form as this caller sees it: fields their role hides are not drawn, listed or filtered on. */
function visibleForm(form: FormDefinition, access: FormAccess | null): FormDefinition {
  if (!access || access.hiddenFields.length === 0) return form;
  const hidden = new Set(access.hiddenFields);
  return Object.freeze({ ...form, fields: form.fields.filter((field) => !hidden.has(field.key)) });
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
    const [apps, forms, version, access] = await Promise.all([
      api.listApps().catch(() => []),
      // Listing forms is a designer's right today; everyone else simply gets no form navigation.
      api.listForms(appKey).catch(() => []),
      records.latestForm().catch((error: unknown) => {
        // Never published (a draft only) or gone: the page says so under the form's name.
        if (isApiError(error) && (error.status === 404 || error.status === 409)) return null;
        throw error;
      }),
      // Without it the page offers every action and the server refuses what is not granted.
      records.access().catch(() => null),
    ]);
    const published = version as DefinitionVersion<FormDefinition> | null;
    return {
      app: apps.find((app) => app.key === appKey),
      forms: latestForms(forms),
      version: published,
      form: published ? visibleForm(published.body, access) : null,
      access,
    };
  }, [api, records, appKey]);

  const app = data.kind === 'ready' ? data.value.app : undefined;
  const appName = app ? text(app.name) || app.key : appKey;
  const summary = data.kind === 'ready' ? data.value.forms.find((form) => form.key === formKey) : undefined;
  const version = data.kind === 'ready' ? data.value.version : null;
  const formName = (version ? text(version.body.name) : '') || (summary ? text(summary.body?.name) : '') || formKey;
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

  return (
    <AppShell
      user={user}
      crumb={crumb}
      title={`${title ? title(formName) : formName} · ${appName}`}
      sidebar={data.kind === 'ready' && data.value.forms.length > 0 ? <FormNav appKey={appKey} forms={data.value.forms} current={formKey} /> : undefined}
    >
      <div className="page ws-page">
        <OfflineBanner />
        {data.kind === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
        {data.kind === 'failed' ? (
          <ErrorState title={t('workspace.formError.title')} message={describeError(data.error, t, locale)} retryLabel={t('common.retry')} onRetry={data.reload} />
        ) : null}
        {data.kind === 'ready' && !version ? (
          <>
            <header className="page__header">
              <div>
                <h1 className="page__title">{formName}</h1>
                {summary?.status === 'draft' ? <p className="page__subtitle">{t('form.status.draft')}</p> : null}
              </div>
            </header>
            <EmptyState title={t('workspace.formError.title')} hint={t('workspace.notPublished', { form: formName })} />
          </>
        ) : null}
        {data.kind === 'ready' && version && data.value.form
          ? children({
              user,
              appKey,
              formKey,
              form: data.value.form,
              formVersion: version.version,
              formName,
              records,
              paths,
              can: (action) => !data.value.access || data.value.access.actions.includes(action),
              readOnlyFields: new Set(data.value.access?.readOnlyFields ?? []),
              deniedValues: data.value.access?.deniedValues ?? {},
            })
          : null}
      </div>
    </AppShell>
  );
}
