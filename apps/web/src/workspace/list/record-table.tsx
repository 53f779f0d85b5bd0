import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import type { Field, RecordView } from '@tangram/schema';
import { fieldLabel } from '@tangram/ui';
import { useI18n } from '../../i18n/i18n-provider';
import { Link, useRouter } from '../../router/router';
import type { SortKey } from './sort-keys';

export interface RowFormat {
  readonly title: (record: RecordView) => string;
  readonly value: (field: Field, record: RecordView) => string;
  readonly created: (record: RecordView) => string;
}

export interface Selection {
  readonly has: (id: string) => boolean;
  readonly toggle: (id: string) => void;
  readonly togglePage: (on: boolean) => void;
  readonly pageSelected: boolean;
}

const ROW_HEIGHT = 43;

/**
 * The records as a table whose rows are virtualised against the window (only the rows on screen and a few
 * around them are in the DOM), so a list scrolled to thousands of rows stays fast. The next keyset page
 * loads when the last rows come into view. Up/down arrows move between rows, scrolling as they go.
 */
export function RecordTable({ fields, items, sort, onSort, selection, format, recordPath, hasMore, onLoadMore }: {
  fields: readonly Field[];
  items: readonly RecordView[];
  sort: readonly SortKey[];
  onSort: (field: string, add: boolean) => void;
  selection: Selection;
  format: RowFormat;
  recordPath: (id: string) => string;
  hasMore: boolean;
  onLoadMore: () => void;
}) {
  const { t, locale } = useI18n();
  const { navigate } = useRouter();
  const body = useRef<HTMLTableSectionElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const measure = () => setOffset((body.current?.getBoundingClientRect().top ?? 0) + window.scrollY);
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
  const rows = useWindowVirtualizer({ count: items.length, estimateSize: () => ROW_HEIGHT, overscan: 8, scrollMargin: offset });
  const virtual = rows.getVirtualItems();
  const last = virtual.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && last >= items.length - 5) onLoadMore();
  }, [hasMore, last, items.length, onLoadMore]);

  const direction = (key: string): 'ascending' | 'descending' | 'none' => {
    const found = sort.find((k) => k.field === key);
    return !found ? 'none' : found.descending ? 'descending' : 'ascending';
  };
  const level = (key: string) => (sort.length > 1 ? sort.findIndex((k) => k.field === key) + 1 : 0);
  const header = (key: string, label: string) => (
    <th key={key} scope="col" aria-sort={direction(key)}>
      <button type="button" className="ws-sort" aria-label={t('workspace.list.sortBy', { field: label })}
        onClick={(e: MouseEvent) => onSort(key, e.shiftKey)} onKeyDown={(e) => e.key === 'Enter' && e.shiftKey && (e.preventDefault(), onSort(key, true))}>
        {label}
        <span className="ws-sort__mark" aria-hidden="true">
          {direction(key) === 'ascending' ? '▲' : direction(key) === 'descending' ? '▼' : ''}
          {level(key) > 0 ? <sup>{level(key)}</sup> : null}
        </span>
      </button>
    </th>
  );

  const move = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const row = (event.target as HTMLElement).closest('tr');
    const index = Number(row?.dataset.index);
    if (!Number.isInteger(index)) return;
    const target = index + (event.key === 'ArrowDown' ? 1 : -1);
    if (target < 0 || target >= items.length) return;
    event.preventDefault();
    const link = () => body.current?.querySelector<HTMLElement>(`tr[data-index="${target}"] .ws-table__link`);
    // A drawn row takes focus at once (a held-down key repeats faster than frames); one outside the
    // drawn window is scrolled in first and focused once it is drawn.
    const drawn = link();
    if (drawn) drawn.focus({ preventScroll: false });
    else {
      rows.scrollToIndex(target, { align: 'auto' });
      requestAnimationFrame(() => link()?.focus());
    }
  };

  const before = virtual[0] ? virtual[0].start - rows.options.scrollMargin : 0;
  const after = virtual.length > 0 ? rows.getTotalSize() - (virtual.at(-1)!.end - rows.options.scrollMargin) : 0;
  return (
    <div className="ws-table-wrap">
      <table className="ws-table" aria-rowcount={items.length + 1}>
        <thead>
          <tr>
            <th scope="col" className="ls-check">
              <input type="checkbox" aria-label={t('list.select.page')} checked={selection.pageSelected} onChange={(e) => selection.togglePage(e.target.checked)} />
            </th>
            {fields.map((field) => header(field.key, fieldLabel(field, locale)))}
            {header('createdAt', t('workspace.list.createdAt'))}
          </tr>
        </thead>
        <tbody ref={body} onKeyDown={move} aria-label={t('list.rows.keyboard')}>
          {before > 0 ? <tr aria-hidden="true" style={{ height: before }} /> : null}
          {virtual.map((item) => {
            const record = items[item.index]!;
            const title = format.title(record);
            return (
              <tr key={record.id} data-index={item.index} ref={rows.measureElement} aria-rowindex={item.index + 2}
                className={`ws-table__row${selection.has(record.id) ? ' ls-row--selected' : ''}`} onClick={() => navigate(recordPath(record.id))}>
                <td className="ls-check" onClick={(e) => e.stopPropagation()}>
                  <input type="checkbox" aria-label={t('list.select.row', { name: title })} checked={selection.has(record.id)} onChange={() => selection.toggle(record.id)} />
                </td>
                {fields.map((field, i) => (
                  <td key={field.key}>
                    {i === 0 ? (
                      <Link to={recordPath(record.id)} className="ws-table__link" onClick={(e) => e.stopPropagation()}>{title}</Link>
                    ) : (
                      format.value(field, record)
                    )}
                  </td>
                ))}
                <td className="ws-table__muted">{format.created(record)}</td>
              </tr>
            );
          })}
          {after > 0 ? <tr aria-hidden="true" style={{ height: after }} /> : null}
        </tbody>
      </table>
    </div>
  );
}
