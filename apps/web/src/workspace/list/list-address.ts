import type { JsonLogic } from '@tangram/schema';
import { VIEW_LAYOUTS, type ViewLayout } from '@tangram/schema';

/**
 * What a list shows, as its address carries it, so a link, a bookmark or a report drill-down reproduces
 * the list and back/forward step through what the reader did:
 *   ?view=12&filter={"==":[{"var":"stage"},"new"]}&sort=-budget,name&cols=name,budget&layout=kanban&group=stage
 * Absent parts mean "the default" (no filter, newest first, the form's first columns, a table).
 */
export interface ListAddress {
  readonly view: string | null;
  readonly filter: JsonLogic | null;
  readonly sort: string | null;
  readonly columns: readonly string[] | null;
  readonly layout: ViewLayout;
  readonly groupBy: string | null;
}


/** The list with nothing chosen: spread it and set what a link should carry. */
export const DEFAULT_LIST_ADDRESS: ListAddress = Object.freeze({ view: null, filter: null, sort: null, columns: null, layout: 'table', groupBy: null });

function readFilter(raw: string | null): JsonLogic | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    // Only a condition object: a hand-edited address with anything else shows the unfiltered list.
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as JsonLogic) : null;
  } catch {
    return null;
  }
}

export function readListAddress(search: string): ListAddress {
  const params = new URLSearchParams(search);
  const layout = params.get('layout') as ViewLayout | null;
  const cols = params.get('cols');
  return Object.freeze({
    view: params.get('view') || null,
    filter: readFilter(params.get('filter')),
    sort: params.get('sort') || null,
    columns: cols === null ? null : Object.freeze(cols.split(',').filter(Boolean)),
    layout: layout && VIEW_LAYOUTS.includes(layout) ? layout : 'table',
    groupBy: params.get('group') || null,
  });
}

/** The query string (with its `?`, or '' for the default list). */
export function writeListAddress(address: ListAddress): string {
  const params = new URLSearchParams();
  if (address.view) params.set('view', address.view);
  if (address.filter !== null) params.set('filter', JSON.stringify(address.filter));
  if (address.sort) params.set('sort', address.sort);
  if (address.columns !== null) params.set('cols', address.columns.join(','));
  if (address.layout !== 'table') params.set('layout', address.layout);
  if (address.groupBy) params.set('group', address.groupBy);
  const query = params.toString();
  return query ? `?${query}` : '';
}
