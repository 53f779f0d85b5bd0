import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { isBufferSize, openDatabase } from './database';
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

describe('PGlite buffer pool', () => {
  it('takes the size it is given as shared_buffers', async () => {
    const handle = await openDatabase({ pgliteBuffers: '48MB' });
    try {
      const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(handle.db);
      expect(rows[0]!.shared_buffers).toBe('48MB');
    } finally {
      await handle.close();
    }
  });

  it('refuses a size PostgreSQL would not take, before starting', async () => {
    await expect(openDatabase({ pgliteBuffers: "512MB'; select" })).rejects.toThrow(/size like 512MB/);
    expect(isBufferSize('512MB')).toBe(true);
    expect(isBufferSize('1GB')).toBe(true);
    expect(isBufferSize('512')).toBe(false);
    // Past what 32-bit WebAssembly can hold beside the database, and too small to be one.
    expect(isBufferSize('2GB')).toBe(false);
    expect(isBufferSize('512kB')).toBe(false);
  });
});
