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

let interrupted = false;

/** True once Ctrl-C or SIGTERM arrived: loops stop at their next step and the run cleans up after itself. */
export function isInterrupted(): boolean {
  return interrupted;
}

export function throwIfInterrupted(): void {
  if (interrupted) throw new Error('interrupted');
}

/**
 * Runs a benchmark's main, turning a failure into a message and a non-zero exit instead of a stack dump.
 * The first signal asks the run to stop so it can drop its database and temp files; a second one exits.
 */
export function runMain(main: () => Promise<void>): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    progress(`${signal}: stopping after the current step and cleaning up (send it again to exit at once)`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
