/**
 * The few JavaScript rules json-logic is defined by, written once so both back ends share them.
 */

/** json-logic truthiness: JS truthiness, except that an empty array is false. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return Boolean(value);
}

/** An operation node is a plain object with exactly one key; anything else is a literal. */
export function isOperation(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length === 1;
}

export function operatorOf(node: Record<string, unknown>): string {
  return Object.keys(node)[0] as string;
}

/** The arguments of an operation node: a non-array argument is a single argument. */
export function argumentsOf(node: Record<string, unknown>): readonly unknown[] {
  const values = node[operatorOf(node)];
  return Array.isArray(values) ? values : [values];
}

/**
 * Reads a dotted path (`customer.address.city`, `$user.id`, `items.0`) from data.
 * Only own properties are read, so `constructor` or `__proto__` never reach the prototype chain.
 * Returns `undefined` when any step is missing.
 */
export function readPath(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const key of path.split('.')) {
    if (current === null || current === undefined) return undefined;
    if (typeof current === 'object') {
      if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    } else if (typeof current === 'string') {
      current = Object.prototype.hasOwnProperty.call(Object(current), key) ? (current as unknown as Record<string, unknown>)[key] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

/** `var`: a path (or a number) with an optional default used when the value is missing (`undefined`). */
export function readVar(data: unknown, name: unknown, fallback: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (name === undefined || name === null || name === '') return data;
  const value = readPath(data, String(name));
  return value === undefined ? notFound : value;
}

/** `missing`: the keys whose value is null, undefined or "". */
export function missingKeys(data: unknown, keys: readonly unknown[]): unknown[] {
  return keys.filter((key) => {
    const value = readVar(data, key, undefined);
    return value === null || value === '';
  });
}
