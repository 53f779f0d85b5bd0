/** Timestamps leave the store as ISO-8601 strings (columns are timestamptz(3), so nothing is lost). */
export function toIso(value: Date | string | null): string {
  if (value === null) return '';
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function toIsoOrNull(value: Date | string | null): string | null {
  return value === null ? null : toIso(value);
}

/** The SQLSTATE a driver error carries (pg and PGlite both name it `code`). */
function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

export function isUniqueViolation(error: unknown): error is { code: string; constraint?: string; message: string } {
  return sqlState(error) === '23505';
}

/** PostgreSQL broke a lock cycle by aborting this statement's transaction. */
export function isDeadlock(error: unknown): boolean {
  return sqlState(error) === '40P01';
}

/** The index a unique violation names: pg reports `constraint`; PGlite only the message text. */
export function violatedIndex(error: { constraint?: string; message: string }): string | undefined {
  return error.constraint ?? /"([^"]+)"/.exec(error.message)?.[1];
}
