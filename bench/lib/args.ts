/**
 * Command-line options shared by the benchmarks: `--quick` for the small size, `--name=value` or
 * `--name value` for the rest. Unknown options are refused so a typo never silently runs the full size.
 */
export interface ParsedArgs {
  readonly quick: boolean;
  readonly values: ReadonlyMap<string, string>;
}

export function parseArgs(argv: readonly string[], known: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--quick') {
      quick = true;
      continue;
    }
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (!match || !name || !known.includes(name)) {
      throw new Error(`unknown option "${arg}"; known: --quick${known.map((k) => `, --${k}`).join('')}`);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`option --${name} needs a value`);
    values.set(name, value);
  }
  return { quick, values };
}

export function intOption(args: ParsedArgs, name: string, fallback: number): number {
  const raw = args.values.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
  return value;
}
