/**
 * Seeded random records and json-logic conditions for the SQL-versus-memory equivalence test.
 * Values are chosen near the edges of JavaScript's coercions: "", "0", digits in text, 0, NaN-producing
 * strings, NULL, JSON null, arrays, nested objects.
 */

/** mulberry32: a tiny deterministic PRNG, good enough to spread test cases. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof createRandom>;

export const TEXTS = ['', 'web', 'Web', 'expo', '0', '5', '10', ' 1', 'abc', 'null', 'true', 'ä', 'web,expo', 'a,b', '😀web', 'abcdef'] as const;
export const NUMBERS = [0, 1, -1, 2.5, 5, 10, 0.1, 0.2, 50000, 123.45, -0.5, 1000] as const;
/** Stored decimals: the numbers above, plus values at and beside the points where Number() rounds. */
export const DECIMALS: readonly string[] = [
  ...['0', '1', '-1', '2.5', '5', '10', '0.1', '0.2', '50000', '123.45', '-0.5', '1000'],
  '50000.00000000000363797880709171295166015625', '50000.00000000000363797880709171295166015626',
  '49999.99999999999636202119290828704833984375', '0.1000000000000000055511151231257827021181583404541015625',
  '0.10000000000000000555111512312578270211815834045410156251', '50000.0000000000000001', '9007199254740993',
];
export const TIMES = ['2024-01-01T00:00:00.000Z', '2024-05-01T08:30:00.000Z', '2025-12-31T23:59:59.999Z', '2023-06-15T12:00:00.500Z'] as const;
export const JSONS: readonly unknown[] = [
  ['web', 'vip'], ['vip'], [], ['expo', 'web', 'x'], [1, 2, 3], [0], [null], 'web', 'vip', '', 5, 0, true, false, null,
  { a: 1 }, { a: 'web' }, [['web']], ['5'], [{ a: 1 }],
];

export interface RandomRow {
  readonly id: number;
  readonly t: string | null;
  /** A decimal as stored in the numeric column; memory sees Number() of it. */
  readonly n: string | null;
  readonly ts: string | null;
  readonly b: boolean | null;
  /** undefined = SQL NULL (no value); null = a JSON null. */
  readonly j: unknown;
}

export function randomRows(random: Random, count: number): RandomRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    t: random.chance(0.15) ? null : random.pick(TEXTS),
    n: random.chance(0.15) ? null : random.pick(DECIMALS),
    ts: random.chance(0.15) ? null : random.pick(TIMES),
    b: random.chance(0.15) ? null : random.chance(0.5),
    j: random.chance(0.1) ? undefined : random.pick(JSONS),
  }));
}

/** The record the in-memory back end sees: a NULL column is an absent key. */
export function recordOf(row: RandomRow, context: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = { ...context };
  for (const key of ['t', 'n', 'ts', 'b', 'j'] as const) {
    if (row[key] !== null && row[key] !== undefined) record[key] = key === 'n' ? Number(row.n) : row[key];
    if (key === 'j' && row.j === null) record.j = null;
  }
  return record;
}

const CONSTANTS: readonly unknown[] = [...TEXTS, ...NUMBERS, 9007199254740992, 50000.00000000001, ...TIMES, true, false, null, '50000', '2.5', ['web', 'expo'], [5, '5'], [0, 2.5, -1, 50000.00000000001], [...TIMES], [true, 'true'], [], 'vip'];
const VARS = ['t', 'n', 'ts', 'b', 'j', 'j.a', 'j.0', '$user.id', '$now'];

export function randomCondition(random: Random, depth = 0): unknown {
  const leaf = (): unknown => (random.chance(0.55) ? randomVar(random) : random.pick(CONSTANTS));
  const value = (): unknown => (depth < 2 && random.chance(0.3) ? randomValue(random, depth + 1) : leaf());
  const sub = () => randomCondition(random, depth + 1);
  const kind = depth >= 2 ? random.int(6) : random.int(12);
  switch (kind) {
    case 0: case 1: case 2:
      return { [random.pick(['==', '===', '!=', '!==', '<', '<=', '>', '>='])]: [value(), value()] };
    case 3:
      return { [random.pick(['<', '<='])]: [value(), value(), value()] };
    case 4:
      return { in: [value(), random.chance(0.5) ? random.pick(CONSTANTS) : randomVar(random)] };
    case 5:
      return { [random.pick(['!', '!!'])]: value() };
    case 6: case 7:
      return { [random.pick(['and', 'or'])]: Array.from({ length: 1 + random.int(3) }, sub) };
    case 8:
      return { if: [sub(), value(), value()] };
    case 9:
      return random.chance(0.5)
        ? { missing: Array.from({ length: 1 + random.int(2) }, () => random.pick(VARS)) }
        : { missing_some: [1 + random.int(2), Array.from({ length: 2 + random.int(2) }, () => random.pick(VARS))] };
    case 10:
      return { [random.pick(['some', 'all', 'none'])]: [{ var: 'j' }, { [random.pick(['==', '===', '!=', '<', '>='])]: [{ var: '' }, random.pick(CONSTANTS)] }] };
    default:
      return value();
  }
}

function randomVar(random: Random): unknown {
  const name = random.pick(VARS);
  return random.chance(0.2) ? { var: [name, random.pick(CONSTANTS)] } : { var: name };
}

function randomValue(random: Random, depth: number): unknown {
  const operand = () => (random.chance(0.6) ? randomVar(random) : random.pick(CONSTANTS));
  switch (random.int(8)) {
    case 6: return { '%': [operand(), random.pick([2, 3, -4, 0.5, '2'])] };
    case 7: return { substr: [operand(), random.pick([0, 1, -2, 3]), ...(random.chance(0.7) ? [random.pick([1, 2, -1, 0])] : [])] };
    case 0: return { [random.pick(['+', '*', 'min', 'max'])]: [operand(), operand()] };
    case 1: return { '-': random.chance(0.3) ? [operand()] : [operand(), operand()] };
    case 2: return { '/': [operand(), random.pick([2, 4, 0.5, -1, 0, '5'])] };
    case 3: return { cat: [operand(), operand()] };
    case 4: return { if: [randomCondition(random, depth + 1), operand(), operand()] };
    default: return { [random.pick(['and', 'or'])]: [operand(), operand()] };
  }
}
