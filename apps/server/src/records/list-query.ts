/**
 * Turns the list query string (`filter=<json-logic JSON>&sort=-a,b&limit=&cursor=`) into the store's
 * ListQuery, refusing what cannot be right with a located 400 before the database sees it.
 */
import type { JsonLogic, Problem } from '@tangram/schema';
import type { FormAccess, ListQuery, SortKey } from '@tangram/store';
import { ApiError } from '../errors';
import { checkFilter } from './logic-check';

export interface ListQueryString {
  readonly filter?: string;
  readonly sort?: string;
  readonly limit?: number;
  readonly cursor?: string;
  readonly includeDeleted?: boolean;
}

/** System columns a caller may sort and filter by, next to the form's own field keys. */
export const SYSTEM_COLUMNS = ['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'ownerId', 'orgUnitId'] as const;

/** Parses `filter` (JSON text) and checks it; `path` locates it in the request (`/query/filter`, `/filter`). */
export function parseFilter(raw: unknown, fieldKeys: readonly string[], access: FormAccess, path: string): JsonLogic {
  let expr: unknown = raw;
  if (typeof raw === 'string') {
    try {
      expr = JSON.parse(raw);
    } catch {
      throw new ApiError('ERR_INVALID_FILTER', { errors: [{ path, code: 'malformedJson' }] });
    }
  }
  const problems = checkFilter(expr as JsonLogic, allowedVars(fieldKeys, access));
  if (problems.length > 0) throw new ApiError('ERR_INVALID_FILTER', { errors: problems.map((p) => relocate(p, path)) });
  return expr as JsonLogic;
}

/**
 * `-createdAt,name` -> createdAt desc, name asc. Hidden fields can't be sorted by (their order would leak
 * them). `path` locates the sort in the request (`/query/sort`, `/sort`).
 */
export function parseSort(raw: string, fieldKeys: readonly string[], access: FormAccess, path = '/query/sort'): SortKey[] {
  const known = new Set<string>([...fieldKeys, ...SYSTEM_COLUMNS]);
  const problems: Problem[] = [];
  const keys = raw.split(',').map((part, index) => {
    const trimmed = part.trim();
    const direction = trimmed.startsWith('-') ? 'desc' : 'asc';
    const field = trimmed.replace(/^[-+]/, '');
    if (!known.has(field) || access.hiddenFields.has(field)) problems.push({ path: `${path}/${index}`, code: 'unknownField', params: { field } });
    return { field, direction } as const;
  });
  if (problems.length > 0) throw new ApiError('ERR_INVALID_SORT', { errors: problems });
  return keys;
}

export function toListQuery(query: ListQueryString, fieldKeys: readonly string[], access: FormAccess): ListQuery {
  return {
    ...(query.filter !== undefined && query.filter !== '' ? { filter: parseFilter(query.filter, fieldKeys, access, '/query/filter') } : {}),
    ...(query.sort ? { sort: parseSort(query.sort, fieldKeys, access) } : {}),
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
    ...(query.includeDeleted ? { includeDeleted: true } : {}),
  };
}

function allowedVars(fieldKeys: readonly string[], access: FormAccess): string[] {
  return [...fieldKeys.filter((k) => !access.hiddenFields.has(k)), ...SYSTEM_COLUMNS, '$user.id', '$user.orgUnitIds', '$now'];
}

function relocate(problem: Problem, base: string): Problem {
  return { ...problem, path: `${base}${problem.path}` };
}
