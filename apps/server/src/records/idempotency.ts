/**
 * `Idempotency-Key` on record creates: what identifies "the same request" when a client retries (the
 * offline form queue resends what it could not confirm). The store keeps a fingerprint of the request
 * with the record it made; a retry with the same key and fingerprint gets that record back.
 */
import { isReplayedRecord, StoreError, type RecordsRepository } from '@tangram/store';
import type { RecordView } from '@tangram/schema';
import { ApiError } from '../errors';
import type { RecordInput } from './prepare-record';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * The request as the client sent it, with object keys sorted: a retry that serialises the same values in
 * another order is the same request. (The stored data can't serve: auto-numbers and `$now` defaults differ.)
 */
export function requestFingerprint(input: RecordInput): string {
  return canonicalJson({ data: input.data, ownerId: input.ownerId, orgUnitId: input.orgUnitId, confirmedWarnings: input.confirmedWarnings });
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Creates the record, or answers with the one this key made; `replayed` says which. */
export async function createOnce(create: () => ReturnType<RecordsRepository['create']>): Promise<{ record: RecordView; replayed: boolean }> {
  try {
    const record = await create();
    return { record, replayed: isReplayedRecord(record) };
  } catch (error) {
    // The key lives in a header, so the problem points there.
    if (error instanceof StoreError && error.code === 'ERR_IDEMPOTENCY_KEY_REUSED') {
      throw new ApiError('ERR_IDEMPOTENCY_KEY_REUSED', { params: error.params, errors: [{ path: `/headers/${IDEMPOTENCY_HEADER}`, code: 'ERR_IDEMPOTENCY_KEY_REUSED', params: error.params }] });
    }
    throw error;
  }
}
