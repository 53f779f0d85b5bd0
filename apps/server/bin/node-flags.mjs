// Node flags the server runs with, shared by `tangram start` and the benchmarks that run the server's
// code in their own process (bench/run.mjs), so both measure the same process.
//
// The heap limit: an import allocated ~40 kB of short-lived garbage per row with exceljs' reader, which
// survives into V8's old generation; under the default limit (~4 GB here) the heap grows to ~4x its live
// size before a full collection and a 100,000-row import peaked at 457-489 MB RSS. With 1 GB it peaked at
// 315-325 MB at the same speed (docs/import-export.md, "Memory"). The live heap of a busy server is ~90 MB.
export const SERVER_HEAP_LIMIT_MB = 1024;

/** The flags, unless NODE_OPTIONS already sets a heap limit (the operator's choice wins). */
export function serverNodeFlags(env = process.env) {
  return /--max-old-space-size/.test(env.NODE_OPTIONS ?? '') ? [] : [`--max-old-space-size=${SERVER_HEAP_LIMIT_MB}`];
}
