import { sql, type RawBuilder } from 'kysely';
import type { JsonLogic } from '@tangram/schema';
import { StoreError } from './errors';
import type { ValueType } from './form-layout';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Binds a value as a parameter of a column's type (`'50000'::numeric`), so comparisons with typed slot
 * columns stay index-friendly. Used for keyset cursor values; a value that can't be one is a located error.
 */
export function typedLiteral(value: JsonLogic, type: ValueType, path: string): RawBuilder<unknown> {
  const bad = () => new StoreError('ERR_INVALID_VALUE', `${JSON.stringify(value)} is not a valid ${type} value`, { path, params: { value, type } });
  const BIND: Readonly<Record<ValueType, () => RawBuilder<unknown>>> = {
    text: () => {
      if (typeof value === 'string') return sql`${value}::text`;
      if (typeof value === 'number' || typeof value === 'boolean') return sql`${String(value)}::text`;
      throw bad();
    },
    numeric: () => {
      if (typeof value === 'number' && Number.isFinite(value)) return sql`${String(value)}::numeric`;
      if (typeof value === 'string' && DECIMAL.test(value)) return sql`${value}::numeric`;
      throw bad();
    },
    time: () => {
      if (typeof value === 'string' && DATE_ONLY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return sql`${`${value}T00:00:00Z`}::timestamptz`;
      if (typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return sql`${value}::timestamptz`;
      throw bad();
    },
    boolean: () => {
      if (typeof value === 'boolean') return sql`${value}::boolean`;
      throw bad();
    },
    json: () => sql`${JSON.stringify(value)}::jsonb`,
  };
  return BIND[type]();
}
