import { defineConfig } from 'vitest/config';

// The benchmarks' own helpers are tested here, apart from the product's suite (`pnpm test` never runs
// benchmarks): `npx vitest run --config bench/vitest.config.ts`.
export default defineConfig({
  test: { root: import.meta.dirname, include: ['**/*.test.ts'], exclude: ['node_modules/**'] },
});
