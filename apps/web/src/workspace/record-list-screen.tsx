import { useState } from 'react';
import type { Field, Page, RecordView } from '@tangram/schema';
import { buildFilter, defaultColumns, fieldLabel, formatValue, nextSort, type FilterCondition } from '@tangram/ui';
import { isApiError } from '../api/api-error';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { EmptyState, ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { LiveListBar, useLiveList } from '../realtime/live-list';
import { Link, useRouter } from '../router/router';
import { useSession } from '../session/session-provider';
import { ColumnChooser } from './column-chooser';
import { ImportExportActions } from '../import/import-actions';
import { FilterBar } from './filter-bar';
import { publicSettingsPath } from '../public-form/public-form-routes';
import { WorkspaceFrame, type WorkspaceContext } from './workspace-frame';

type ListState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'ready'; readonly items: readonly RecordView[]; readonly nextCursor: string | null; readonly total: number; readonly more: 'idle' | 'loading' };

interface MorePages {
  readonly base: Page<RecordView>;
  readonly items: readonly RecordView[];
  readonly nextCursor: string | null;
  readonly total: number | undefined;
  readonly loading: boolean;
  readonly error: unknown;
}

const PAGE = 50;

function RecordList({ ws }: { ws: WorkspaceContext }) {
  const { t, locale } = useI18n();
  const { navigate } = useRouter();
  const { expired } = useSession();
  const { form, records, paths } = ws;
  const [columns, setColumns] = useState<readonly string[]>(() => defaultColumns(form));
  const [sort, setSort] = useState<string | undefined>(undefined);
  const [conditions, setConditions] = useState<readonly FilterCondition[]>([]);
  const filter = buildFilter(form, conditions);
  const filterKey = JSON.stringify(filter ?? null);
  const first = useLoad(() => records.list({ filter, sort, limit: PAGE }), [records, filterKey, sort]);
  const [more, setMore] = useState<MorePages | null>(null);

  // Pages fetched by "load more" extend the first page they were loaded after; a new first page drops them.
  const firstPage = first.kind === 'ready' ? first.value : undefined;
  const extra = more && more.base === firstPage ? more : null;
  const state: ListState =
    first.kind !== 'ready' ? first
    : extra?.error !== undefined ? { kind: 'failed', error: extra.error }
    : {
        kind: 'ready',
        items: extra ? [...first.value.items, ...extra.items] : first.value.items,
        nextCursor: extra ? extra.nextCursor : first.value.nextCursor,
        total: extra?.total ?? first.value.total,
        more: extra?.loading ? 'loading' : 'idle',
      };

  const loadMore = async () => {
    if (!firstPage || state.kind !== 'ready' || !state.nextCursor) return;
    const base = firstPage;
    const before = extra ?? { base, items: [], nextCursor: null, total: undefined, loading: false, error: undefined };
    setMore({ ...before, loading: true });
    try {
      const page = await records.list({ filter, sort, limit: PAGE, cursor: state.nextCursor });
      setMore({ base, items: [...before.items, ...page.items], nextCursor: page.nextCursor, total: page.total, loading: false, error: undefined });
    } catch (error) {
      if (isApiError(error) && error.status === 401) expired();
      else setMore({ ...before, loading: false, error });
    }
  };
  const retry = () => {
    setMore(null);
    first.reload();
  };
  // Records written elsewhere: counted in a bar the reader chooses to act on (docs/realtime.md).
  const live = useLiveList(ws.appKey, ws.formKey, state.kind === 'ready' ? state.items.map((r) => r.id) : []);

  const shown = columns.map((key) => form.fields.find((f) => f.key === key)).filter((f): f is Field => f !== undefined);
  const format = (field: Field, record: RecordView) => formatValue(field, record.data[field.key], { locale, yes: t('workspace.field.yes'), no: t('workspace.field.no') });
  const created = (record: RecordView) => new Date(record.createdAt).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
  const sortState = (key: string): 'ascending' | 'descending' | 'none' => (sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : 'none');

  return (
    <>
      <header className="page__header ws-header">
        <div>
          <h1 className="page__title">{ws.formName}</h1>
          <p className="page__subtitle" aria-live="polite">
            {state.kind === 'ready' ? t('workspace.list.total', { count: state.total }) : '\u00a0'}
          </p>
        </div>
        {ws.user.isAdmin ? (
          <Link to={publicSettingsPath(ws.appKey, ws.formKey)} className="button button--secondary ws-header__action">
            {t('publicForm.settings.link')}
          </Link>
        ) : null}
        <ImportExportActions appKey={ws.appKey} formKey={ws.formKey} filter={filter} sort={sort} columns={columns} />
        {ws.can('create') ? (
          <Link to={paths.create} className="button button--primary ws-header__action">
            + {t('workspace.new')}
          </Link>
        ) : null}
      </header>
      <div className="ws-toolbar">
        <FilterBar form={form} applied={conditions} onApply={setConditions} />
        <ColumnChooser form={form} columns={columns} onChange={setColumns} />
      </div>
      <LiveListBar live={live} onShow={retry} />
      {state.kind === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
      {state.kind === 'failed' ? <ErrorState title={t('workspace.list.error.title')} message={describeError(state.error, t, locale)} retryLabel={t('common.retry')} onRetry={retry} /> : null}
      {state.kind === 'ready' && state.items.length === 0 ? (
        filter ? (
          <EmptyState title={t('workspace.list.noMatch.title')} hint={t('workspace.list.noMatch.hint')} />
        ) : (
          <EmptyState
            title={t('workspace.list.empty.title')}
            hint={t('workspace.list.empty.hint')}
            {...(ws.can('create')
              ? {
                  action: (
                    <Link to={paths.create} className="button button--primary">
                      + {t('workspace.new')}
                    </Link>
                  ),
                }
              : {})}
          />
        )
      ) : null}
      {state.kind === 'ready' && state.items.length > 0 ? (
        <>
          <div className="ws-table-wrap">
            <table className="ws-table">
              <thead>
                <tr>
                  {shown.map((field) => (
                    <th key={field.key} scope="col" aria-sort={sortState(field.key)}>
                      <button type="button" className="ws-sort" aria-label={t('workspace.list.sortBy', { field: fieldLabel(field, locale) })} onClick={() => setSort((s) => nextSort(s, field.key))}>
                        {fieldLabel(field, locale)}
                        <span className="ws-sort__mark" aria-hidden="true">
                          {sortState(field.key) === 'ascending' ? '▲' : sortState(field.key) === 'descending' ? '▼' : ''}
                        </span>
                      </button>
                    </th>
                  ))}
                  <th scope="col" aria-sort={sortState('createdAt')}>
                    <button type="button" className="ws-sort" onClick={() => setSort((s) => (s === undefined ? 'createdAt' : s === 'createdAt' ? undefined : 'createdAt'))}>
                      {t('workspace.list.createdAt')}
                      <span className="ws-sort__mark" aria-hidden="true">
                        {sort === 'createdAt' ? '▲' : sort === undefined ? '▼' : ''}
                      </span>
                    </button>
                  </th>
                </tr>
              </thead>
              <tbody>
                {state.items.map((record) => (
                  <tr key={record.id} className="ws-table__row" onClick={() => navigate(paths.record(record.id))}>
                    {shown.map((field, i) => (
                      <td key={field.key}>
                        {i === 0 ? (
                          <Link to={paths.record(record.id)} className="ws-table__link" onClick={(e) => e.stopPropagation()}>
                            {format(field, record) || `#${record.id}`}
                          </Link>
                        ) : (
                          format(field, record)
                        )}
                      </td>
                    ))}
                    <td className="ws-table__muted">{created(record)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="ws-cards">
            {state.items.map((record) => {
              const [first, ...rest] = shown;
              return (
                <li key={record.id}>
                  <Link to={paths.record(record.id)} className="ws-card" aria-label={t('workspace.list.open', { id: first ? format(first, record) || record.id : record.id })}>
                    <span className="ws-card__title">{first ? format(first, record) || `#${record.id}` : `#${record.id}`}</span>
                    <dl className="ws-card__fields">
                      {rest.slice(0, 4).map((field) => (
                        <div key={field.key} className="ws-card__field">
                          <dt>{fieldLabel(field, locale)}</dt>
                          <dd>{format(field, record) || t('workspace.field.empty')}</dd>
                        </div>
                      ))}
                    </dl>
                    <span className="ws-card__meta">{created(record)}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
          {state.nextCursor ? (
            <div className="ws-more">
              <button type="button" className="button button--secondary" disabled={state.more === 'loading'} onClick={() => void loadMore()}>
                {state.more === 'loading' ? t('common.loading') : t('workspace.list.loadMore')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** `/apps/:app/forms/:form`: the form's records as a table (cards on a phone), filtered, sorted and paged. */
export function RecordListScreen({ user, appKey, formKey }: { user: CurrentUser; appKey: string; formKey: string }) {
  return (
    <WorkspaceFrame user={user} appKey={appKey} formKey={formKey}>
      {(ws) => <RecordList ws={ws} />}
    </WorkspaceFrame>
  );
}
