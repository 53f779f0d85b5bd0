/** A record as the API returns it. `data` holds field values by field key. */
export interface RecordView {
  readonly id: string;
  readonly app: string;
  readonly form: string;
  readonly formVersion: number;
  readonly data: Readonly<Record<string, unknown>>;
  readonly ownerId: string | null;
  readonly orgUnitId: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedBy: string | null;
  readonly updatedAt: string;
  /** Optimistic lock: a PATCH must send the version it read. */
  readonly version: number;
  readonly deletedAt: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
  readonly total: number;
}
