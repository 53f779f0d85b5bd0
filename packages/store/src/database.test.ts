import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from './testing';

describe.each(testDialects())('database on %s', (dialect) => {
  it('returns the same JS types on both back ends', async () => {
    const handle = await openTestDatabase(dialect);
    try {
      const { rows } = await sql<{ c: unknown; n: unknown; j: unknown }>`
        select count(*) as c, 1234.50::numeric as n, '{"a":1}'::jsonb as j from (values (1), (2)) v(x)`.execute(handle.db);
      expect(rows[0]).toEqual({ c: 2, n: '1234.50', j: { a: 1 } });
    } finally {
      await handle.close();
    }
  });
});
