import { StoreError } from './errors';

/** A keyset position: the sort values of the last row shown, its id, and the sort it belongs to. */
export interface CursorPosition {
  /** Signature of the sort (`createdAt:desc,budget:asc`): a cursor is only valid for the sort that made it. */
  readonly sort: string;
  readonly values: readonly unknown[];
  readonly id: string;
}

/** Opaque to callers: base64url of JSON. Clients must not build or edit cursors. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ s: position.sort, v: position.values, id: position.id }), 'utf8').toString('base64url');
}

/** Parses a cursor made by `encodeCursor` for this sort; anything else is ERR_INVALID_CURSOR. */
export function decodeCursor(cursor: string, sort: string, keyCount: number): CursorPosition {
  const invalid = () => new StoreError('ERR_INVALID_CURSOR', 'the cursor is not valid for this query', { path: '/cursor' });
  if (typeof cursor !== 'string' || cursor.length > 8192 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (parsed === null || typeof parsed !== 'object') throw invalid();
  const { s, v, id } = parsed as { s?: unknown; v?: unknown; id?: unknown };
  if (s !== sort || !Array.isArray(v) || v.length !== keyCount || typeof id !== 'string' || !/^\d{1,18}$/.test(id)) throw invalid();
  return { sort, values: v, id };
}
