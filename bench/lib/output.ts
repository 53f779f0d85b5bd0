/**
 * The output convention every benchmark follows: progress goes to stderr, and the LAST line of stdout is
 * one JSON object of figures, so `pnpm bench x | tail -1 | jq` always works.
 */
export function progress(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export function emitFigures(figures: unknown): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** Runs a benchmark's main, turning a failure into a message and a non-zero exit instead of a stack dump. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
