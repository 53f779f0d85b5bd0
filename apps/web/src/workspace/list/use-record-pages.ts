import { useState } from 'react';
import type { JsonLogic, Page, RecordView } from '@tangram/schema';
import { isApiError } from '../../api/api-error';
import { useLoad } from '../../components/use-load';
import { useSession } from '../../session/session-provider';
import type { RecordsApi } from '../records-api';

export type RecordPages =
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

/**
 * A list's records in keyset pages: the first page follows filter and sort; `loadMore` appends the page
 * after the last cursor. Pages fetched by "load more" extend the first page they were loaded after, so a
 * new first page (another filter, a refresh) drops them.
 */
export function useRecordPages(records: RecordsApi, filter: JsonLogic | undefined, sort: string | undefined, limit: number, refresh: number) {
  const { expired } = useSession();
  const filterKey = JSON.stringify(filter ?? null);
  const first = useLoad(() => records.list({ filter, sort, limit }), [records, filterKey, sort, limit, refresh]);
  const [more, setMore] = useState<MorePages | null>(null);
  const firstPage = first.kind === 'ready' ? first.value : undefined;
  const extra = more && more.base === firstPage ? more : null;
  const state: RecordPages =
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
    if (!firstPage || state.kind !== 'ready' || !state.nextCursor || state.more === 'loading') return;
    const base = firstPage;
    const before = extra ?? { base, items: [], nextCursor: null, total: undefined, loading: false, error: undefined };
    setMore({ ...before, loading: true });
    try {
      const page = await records.list({ filter, sort, limit, cursor: state.nextCursor });
      setMore({ base, items: [...before.items, ...page.items], nextCursor: page.nextCursor, total: page.total, loading: false, error: undefined });
    } catch (error) {
      if (isApiError(error) && error.status === 401) expired();
      else setMore({ ...before, loading: false, error });
    }
  };
  const reload = () => {
    setMore(null);
    first.reload();
  };
  return { state, loadMore, reload };
}

/** Both conditions, or whichever exists. */
export function allOf(a: JsonLogic | undefined | null, b: JsonLogic | undefined | null): JsonLogic | undefined {
  if (a && b) return { and: [a, b] };
  return a ?? b ?? undefined;
}
