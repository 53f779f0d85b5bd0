/** Timestamps leave the store as ISO-8601 strings (columns are timestamptz(3), so nothing is lost). */
export function toIso(value: Date | string | null): string {
  if (value === null) return '';
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function toIsoOrNull(value: Date | string | null): string | null {
  return value === null ? null : toIso(value);
}

export function isUniqueViolation(error: unknown): error is { code: string; constraint?: string; message: string } {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/** PostgreSQL broke a lock cycle by aborting this statement's transaction (SQLSTATE 40P01). */
export function isDeadlock(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '40P01';
}

/** The index a unique violation names: pg reports `constraint`; PGlite only the message text. */
export function violatedIndex(error: { constraint?: string; message: string }): string | undefined {
  return error.constraint ?? /"([^"]+)"/.exec(error.message)?.[1];
}
