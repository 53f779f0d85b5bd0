import { defineConfig } from 'vitest/config';

// The shell's unit tests are pure (no DOM, no server): `pnpm --filter @tangram/web test`.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], environment: 'node' } });
