import { useCallback, useState } from 'react';
import type { Field, JsonLogic, RecordView, SelectField } from '@tangram/schema';
import { buildFilter, columnFields, defaultColumns, fieldLabel, formatValue } from '@tangram/ui';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { EmptyState, ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { LiveListBar, useLiveList } from '../realtime/live-list';
import { Link, useRouter } from '../router/router';
import { ColumnChooser } from './column-chooser';
import { ImportExportActions } from '../import/import-actions';
import { FilterBar } from './filter-bar';
import { publicSettingsPath } from '../public-form/public-form-routes';
import { WorkspaceFrame, type WorkspaceContext } from './workspace-frame';
import type { ViewLayout, ViewSettings } from '@tangram/schema';
import type { SavedView } from './records-api';
import { BulkActions } from './list/bulk-actions';
import { conditionsOf } from './list/filter-conditions';
import { KanbanBoard } from './list/kanban-board';
import { DEFAULT_LIST_ADDRESS, readListAddress, writeListAddress, type ListAddress } from './list/list-address';
import { RecordCards } from './list/record-cards';
import { RecordTable, type RowFormat, type Selection } from './list/record-table';
import { clickSort, formatSort, parseSort } from './list/sort-keys';
import { SortEditor } from './list/sort-editor';
import { useNarrowScreen } from './list/use-narrow-screen';
import { useRecordPages } from './list/use-record-pages';
import { ViewBar } from './list/view-bar';
import './list/list.css';

const PAGE = 50;

/** Selected rows: ids picked one by one, or every row the filter matches. */
type Picked = { readonly kind: 'ids'; readonly ids: ReadonlySet<string> } | { readonly kind: 'allMatching' };
const NONE_PICKED: Picked = { kind: 'ids', ids: new Set() };

const sameSettings = (a: ViewSettings, b: ViewSettings) => JSON.stringify(a) === JSON.stringify(b);

function RecordList({ ws }: { ws: WorkspaceContext }) {
  const { t, locale } = useI18n();
  const { location, navigate } = useRouter();
  const narrow = useNarrowScreen();
  const { form, records, paths } = ws;
  const address = readListAddress(location.search);
  const go = (change: Partial<ListAddress>) => navigate(paths.list + writeListAddress({ ...address, ...change }));

  const groupFields = form.fields.filter((f): f is SelectField => f.kind === 'select');
  const columns = address.columns ?? defaultColumns(form);
  const sortKeys = parseSort(address.sort);
  const sort = formatSort(sortKeys);
  const filter = address.filter ?? undefined;
  const groupField = groupFields.find((f) => f.key === address.groupBy) ?? groupFields[0];
  const layout: ViewLayout = address.layout === 'kanban' && !groupField ? 'table' : address.layout;
  const settings: ViewSettings = { filter: address.filter, sort: sort ?? null, columns, layout, groupBy: layout === 'kanban' ? groupField?.key ?? null : null };

  const [viewsVersion, setViewsVersion] = useState(0);
  const views = useLoad(() => records.views(), [records, viewsVersion]);
  const savedViews = views.kind === 'ready' ? views.value.items : [];
  const active = savedViews.find((v) => v.id === address.view);
  const openView = (view: SavedView | null) =>
    navigate(paths.list + writeListAddress(view
      ? { view: view.id, filter: view.filter, sort: view.sort, columns: view.columns.length > 0 ? view.columns : null, layout: view.layout, groupBy: view.groupBy }
      : DEFAULT_LIST_ADDRESS));

  const [refresh, setRefresh] = useState(0);
  const { state, loadMore, reload } = useRecordPages(records, filter, sort, PAGE, refresh);
  const [picked, setPicked] = useState<Picked>(NONE_PICKED);
  const [message, setMessage] = useState('');
  const conditions = conditionsOf(form, address.filter);
  const filterKey = JSON.stringify(address.filter);
  // A new filter means other rows: what was picked among the old ones no longer applies.
  const [pickedFor, setPickedFor] = useState(filterKey);
  if (pickedFor !== filterKey) {
    setPickedFor(filterKey);
    setPicked(NONE_PICKED);
  }

  const retry = () => {
    reload();
    setRefresh((n) => n + 1);
  };
  const live = useLiveList(ws.appKey, ws.formKey, state.kind === 'ready' ? state.items : []);
  // After the reader's own change the list is read again; the change's own notice arrives while that
  // reload runs and must not then ask them to refresh a list that is already current.
  const [changedOver, setChangedOver] = useState<readonly RecordView[] | null>(null);
  const reloadAfterOwnChange = () => {
    setChangedOver(state.kind === 'ready' ? state.items : []);
    retry();
  };
  if (changedOver !== null && state.kind === 'ready' && state.items !== changedOver) {
    setChangedOver(null);
    live.clear();
  }
  const onLoadMore = useCallback(() => void loadMore(), [loadMore]);

  const fieldsByKey = new Map(form.fields.map((f) => [f.key, f]));
  const shown = columns.map((key) => fieldsByKey.get(key)).filter((f): f is Field => f !== undefined);
  const format: RowFormat = {
    value: (field, record) => formatValue(field, record.data[field.key], { locale, yes: t('workspace.field.yes'), no: t('workspace.field.no') }),
    title: (record: RecordView) => (shown[0] ? formatValue(shown[0], record.data[shown[0].key], { locale, yes: t('workspace.field.yes'), no: t('workspace.field.no') }) : '') || `#${record.id}`,
    created: (record) => new Date(record.createdAt).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' }),
  };
  const sortLabel = (key: string) => (key === 'createdAt' ? t('workspace.list.createdAt') : fieldsByKey.get(key) ? fieldLabel(fieldsByKey.get(key)!, locale) : key);

  const items = state.kind === 'ready' ? state.items : [];
  const pickedIds = picked.kind === 'ids' ? picked.ids : new Set<string>();
  const pageSelected = items.length > 0 && (picked.kind === 'allMatching' || items.every((r) => pickedIds.has(r.id)));
  const selection: Selection = {
    has: (id) => picked.kind === 'allMatching' || pickedIds.has(id),
    toggle: (id) => {
      const next = new Set(picked.kind === 'allMatching' ? items.map((r) => r.id) : pickedIds);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      setPicked({ kind: 'ids', ids: next });
    },
    togglePage: (on) => setPicked({ kind: 'ids', ids: new Set(on ? items.map((r) => r.id) : []) }),
    pageSelected,
  };
  const total = state.kind === 'ready' ? state.total : 0;
  const pickedCount = picked.kind === 'allMatching' ? total : pickedIds.size;
  // "All matching" without a filter still names its rows: every record id is positive.
  const bulkFilter = (): JsonLogic =>
    picked.kind === 'allMatching' ? (filter ?? { '>': [{ var: 'id' }, 0] }) : { in: [{ var: 'id' }, [...pickedIds].map(Number)] };
  const bulkDone = (text: string) => {
    setMessage(text);
    setPicked(NONE_PICKED);
    reloadAfterOwnChange();
  };

  const cardsShown = narrow || layout === 'cards';
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
      {views.kind === 'failed' ? <p className="ls-message ls-message--error" role="alert">{t('list.views.error')}</p> : null}
      <ViewBar views={savedViews} canShare={views.kind === 'ready' && views.value.canShare} active={active} current={settings}
        changed={active ? !sameSettings(settings, { filter: active.filter, sort: active.sort, columns: active.columns.length > 0 ? active.columns : defaultColumns(form), layout: active.layout, groupBy: active.groupBy }) : false}
        records={records} onOpen={openView} onMessage={setMessage}
        onSaved={(view) => { setViewsVersion((n) => n + 1); openView(view); }}
        onDeleted={() => { setViewsVersion((n) => n + 1); openView(null); }} />
      <div className="ws-toolbar">
        <FilterBar key={filterKey} form={form} applied={conditions ?? []} onApply={(rows) => go({ filter: buildFilter(form, rows) ?? null })} />
        <div className="ls-toolbar__side">
          <SortEditor keys={sortKeys} fields={columnFields(form)} label={sortLabel} onChange={(keys) => go({ sort: formatSort(keys) ?? null })} />
          <ColumnChooser form={form} columns={columns} onChange={(cols) => go({ columns: cols })} />
          <select className="field__input field__select" aria-label={t('list.layout.label')} value={layout} onChange={(e) => go({ layout: e.target.value as ViewLayout })}>
              <option value="table">{t('list.layout.table')}</option>
              {groupField ? <option value="kanban">{t('list.layout.kanban')}</option> : null}
              <option value="cards">{t('list.layout.cards')}</option>
            </select>
          {layout === 'kanban' && groupFields.length > 1 ? (
            <select className="field__input field__select" aria-label={t('list.layout.groupBy')} value={groupField?.key} onChange={(e) => go({ groupBy: e.target.value })}>
              {groupFields.map((f) => <option key={f.key} value={f.key}>{fieldLabel(f, locale)}</option>)}
            </select>
          ) : null}
        </div>
      </div>
      {conditions === null ? (
        <p className="ls-message">
          {t('list.filter.custom')}{' '}
          <button type="button" className="button button--secondary" onClick={() => go({ filter: null })}>{t('workspace.filter.clear')}</button>
        </p>
      ) : null}
      <p className="ls-message" role="status" aria-live="polite">{message}</p>
      <LiveListBar live={live} onShow={retry} />
      {layout === 'kanban' && groupField ? (
        <KanbanBoard form={form} field={groupField} filter={filter} sort={sort} records={records} format={format} fields={shown} recordPath={paths.record}
          canMove={ws.can('update') && !ws.readOnlyFields.has(groupField.key)} refresh={refresh} onChanged={reloadAfterOwnChange} />
      ) : (
        <>
          {pickedCount > 0 ? (
            <div className="ls-bulk" role="region" aria-label={t('list.select.count', { count: pickedCount })}>
              <span className="ls-bulk__count">{picked.kind === 'allMatching' ? t('list.select.allMatchingOn', { count: total }) : t('list.select.count', { count: pickedCount })}</span>
              {picked.kind === 'ids' && pageSelected && total > items.length ? (
                <button type="button" className="button button--secondary" onClick={() => setPicked({ kind: 'allMatching' })}>{t('list.select.allMatching', { count: total })}</button>
              ) : null}
              <BulkActions form={form} count={pickedCount} filter={bulkFilter} records={records} readOnlyFields={ws.readOnlyFields} deniedValues={ws.deniedValues}
                canUpdate={ws.can('update')} canAssign={ws.can('assign')} canDelete={ws.can('delete')} onDone={bulkDone} />
              <button type="button" className="button button--secondary" onClick={() => setPicked(NONE_PICKED)}>{t('list.select.clear')}</button>
            </div>
          ) : null}
          {state.kind === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
          {state.kind === 'failed' ? <ErrorState title={t('workspace.list.error.title')} message={describeError(state.error, t, locale)} retryLabel={t('common.retry')} onRetry={retry} /> : null}
          {state.kind === 'ready' && state.items.length === 0 ? (
            filter ? (
              <EmptyState title={t('workspace.list.noMatch.title')} hint={t('workspace.list.noMatch.hint')} />
            ) : (
              <EmptyState
                title={t('workspace.list.empty.title')}
                hint={t('workspace.list.empty.hint')}
                {...(ws.can('create') ? { action: <Link to={paths.create} className="button button--primary">+ {t('workspace.new')}</Link> } : {})}
              />
            )
          ) : null}
          {state.kind === 'ready' && state.items.length > 0 ? (
            <>
              {cardsShown ? (
                <RecordCards fields={shown} items={state.items} selection={selection} format={format} recordPath={paths.record} />
              ) : (
                <RecordTable fields={shown} items={state.items} sort={sortKeys} onSort={(key, add) => go({ sort: formatSort(clickSort(sortKeys, key, add)) ?? null })}
                  selection={selection} format={format} recordPath={paths.record} hasMore={state.nextCursor !== null && state.more === 'idle'} onLoadMore={onLoadMore} />
              )}
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
      )}
    </>
  );
}

/**
 * `/apps/:app/forms/:form`: the form's records as a table, cards (on a phone) or a board, with the filter,
 * sort, columns, layout and saved view in the address.
 */
export function RecordListScreen({ user, appKey, formKey }: { user: CurrentUser; appKey: string; formKey: string }) {
  return (
    <WorkspaceFrame user={user} appKey={appKey} formKey={formKey}>
      {(ws) => <RecordList ws={ws} />}
    </WorkspaceFrame>
  );
}
