import { useState } from 'react';
import type { Field, JsonLogic, RecordView } from '@tangram/schema';
import { defaultColumns, fieldLabel, formatValue } from '@tangram/ui';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { EmptyState, ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { DEFAULT_LIST_ADDRESS, writeListAddress } from '../workspace/list/list-address';
import { Link, useRouter } from '../router/router';
import { WorkspaceFrame, type WorkspaceContext } from '../workspace/workspace-frame';
import { dashboardPaths } from './paths';

const PAGE = 50;

/** The filter carried in the address, or null when it is not JSON (a hand-edited link). */
export function parseDrillFilter(raw: string | null): JsonLogic | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as unknown;
    return value !== null && typeof value === 'object' ? (value as JsonLogic) : null;
  } catch {
    return null;
  }
}

function DrillList({ ws, filter, title, truncated, back }: { ws: WorkspaceContext; filter: JsonLogic; title: string; truncated: boolean; back: string }) {
  const { t, locale } = useI18n();
  const { navigate } = useRouter();
  const [pages, setPages] = useState<readonly RecordView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  // The server applies the caller's row scope to this filter too: a drill never shows more than the list would.
  const first = useLoad(async () => {
    const page = await ws.records.list({ filter, limit: PAGE });
    setPages([]);
    setCursor(page.nextCursor);
    return page;
  }, [ws.records, JSON.stringify(filter)]);
  const columns = defaultColumns(ws.form)
    .map((key) => ws.form.fields.find((f) => f.key === key))
    .filter((f): f is Field => f !== undefined);
  const format = (field: Field, record: RecordView) => formatValue(field, record.data[field.key], { locale, yes: t('workspace.field.yes'), no: t('workspace.field.no') });
  const more = async () => {
    if (!cursor) return;
    const page = await ws.records.list({ filter, limit: PAGE, cursor });
    setPages((p) => [...p, ...page.items]);
    setCursor(page.nextCursor);
  };
  const items = first.kind === 'ready' ? [...first.value.items, ...pages] : [];

  return (
    <>
      <header className="page__header ws-header">
        <div>
          <h1 className="page__title">{t('dash.drill.title', { title })}</h1>
          <p className="page__subtitle" aria-live="polite">
            {first.kind === 'ready' ? t('dash.drill.count', { count: first.value.total }) : '\u00a0'}
          </p>
        </div>
        <div className="ws-header__buttons">
          {/* The same records in the workspace list, where they can be sorted, saved as a view or changed in bulk. */}
          <Link to={`${ws.paths.list}${writeListAddress({ ...DEFAULT_LIST_ADDRESS, filter })}`} className="button button--secondary">
            {t('dash.drill.openList')}
          </Link>
          <Link to={back} className="button button--secondary">
            {t('dash.drill.back')}
          </Link>
        </div>
      </header>
      {truncated ? <p className="dash-alert">{t('dash.drill.truncated')}</p> : null}
      {first.kind === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
      {first.kind === 'failed' ? <ErrorState title={t('workspace.list.error.title')} message={describeError(first.error, t, locale)} retryLabel={t('common.retry')} onRetry={first.reload} /> : null}
      {first.kind === 'ready' && items.length === 0 ? <EmptyState title={t('workspace.list.noMatch.title')} hint={t('dash.chart.emptyHint')} /> : null}
      {items.length > 0 ? (
        <div className="ws-table-wrap">
          <table className="ws-table" aria-label={t('dash.drill.title', { title })}>
            <thead>
              <tr>
                {columns.map((f) => (
                  <th key={f.key} scope="col">
                    {fieldLabel(f, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((record) => (
                <tr key={record.id} className="ws-table__row" onClick={() => navigate(ws.paths.record(record.id))}>
                  {columns.map((f, i) => (
                    <td key={f.key}>
                      {i === 0 ? (
                        <Link to={ws.paths.record(record.id)} className="ws-table__link" onClick={(e) => e.stopPropagation()}>
                          {format(f, record) || `#${record.id}`}
                        </Link>
                      ) : (
                        format(f, record)
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {cursor && first.kind === 'ready' ? (
        <div className="ws-more">
          <button type="button" className="button button--secondary" onClick={() => void more()}>
            {t('workspace.list.loadMore')}
          </button>
        </div>
      ) : null}
    </>
  );
}

/**
 * `/apps/:app/dashboards/:key/records?form=…&filter=…`: the records behind a clicked bar, slice, stage or
 * cell, listed with exactly the filter `/reports/drill` answered, through the form's own records route.
 */
export function DrillScreen({ user, appKey, dashKey, search }: { user: CurrentUser; appKey: string; dashKey: string; search: string }) {
  const { t } = useI18n();
  const params = new URLSearchParams(search);
  const form = params.get('form') ?? '';
  const filter = parseDrillFilter(params.get('filter'));
  const title = params.get('title') ?? '';
  const back = dashboardPaths(appKey).dashboard(dashKey);
  return (
    <WorkspaceFrame user={user} appKey={appKey} formKey={form} title={(name) => t('dash.drill.title', { title: title || name })}>
      {(ws) =>
        filter ? (
          <DrillList ws={ws} filter={filter} title={title || ws.formName} truncated={params.get('truncated') === '1'} back={back} />
        ) : (
          <ErrorState title={t('dash.drill.badFilter')} message={params.get('filter') ?? ''} retryLabel={t('common.retry')} />
        )
      }
    </WorkspaceFrame>
  );
}
