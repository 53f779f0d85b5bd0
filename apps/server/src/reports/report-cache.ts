import type { ReportResult } from '@tangram/schema';
import type { FormAccess } from '@tangram/store';

export interface ReportCacheOptions {
  readonly maxEntries?: number;
  /** Bounds how stale a result can be if a change notice was missed (org tree edits send none). */
  readonly ttlMs?: number;
  readonly now: () => number;
}

/**
 * Results of report runs, keyed by the viewer's resolved read scope + hidden fields, the store query
 * (report, filters, previous period) and the data version of the form. Two viewers share an entry only
 * when they would see exactly the same rows, so one role never sees another role's numbers. The data
 * version moves with every record change notice of the form (`bump`); a gap in notices clears everything.
 */
export interface ReportCache {
  key(access: FormAccess, query: unknown): string | undefined;
  get(key: string): ReportResult | undefined;
  set(key: string, result: ReportResult): void;
  bump(app: string, form: string): void;
  clear(): void;
}

/** What decides which rows a viewer sees: their read scopes, bound to them, and the fields hidden from them. */
function scopeKey(access: FormAccess): unknown {
  const scopes = access.rowScopes.read ?? [];
  // A condition scope may read `$user.*`: then the user is part of the scope.
  const personal = scopes.some((s) => s.kind === 'condition');
  return [scopes, [...access.hiddenFields].sort(), personal ? [access.user?.id ?? null, access.user?.orgUnitIds ?? []] : null];
}

export function createReportCache(options: ReportCacheOptions): ReportCache {
  const maxEntries = options.maxEntries ?? 500;
  const ttlMs = options.ttlMs ?? 30_000;
  const versions = new Map<string, number>();
  const entries = new Map<string, { result: ReportResult; until: number }>();
  let epoch = 0;
  return {
    key(access, query) {
      const text = JSON.stringify(query);
      // `$now` moves by itself: such a report is never served from the cache.
      if (text.includes('"$now"')) return undefined;
      return JSON.stringify([epoch, access.app, access.form, versions.get(`${access.app}/${access.form}`) ?? 0, scopeKey(access), text]);
    },
    get(key) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.until <= options.now()) {
        entries.delete(key);
        return undefined;
      }
      return hit.result;
    },
    set(key, result) {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { result, until: options.now() + ttlMs });
    },
    bump(app, form) {
      const id = `${app}/${form}`;
      versions.set(id, (versions.get(id) ?? 0) + 1);
    },
    clear() {
      epoch += 1;
      entries.clear();
    },
  };
}
