/**
 * A compiled statement as one SQL text with its parameters written in as literals, for statements the
 * database keeps and runs itself (a roll-up's delta, run by a trigger through EXECUTE, has no way to bind
 * parameters). Each value is written as the text `pg` would have sent for it, quoted, so it keeps the type
 * the statement gives it (`r.t1 = '5'` compares text with text, as `r.t1 = $1` with 5 did). Placeholders
 * are replaced only outside quoted strings and identifiers. `TRIGGER_IDS` as a parameter becomes `ids`,
 * the variable of the trigger function that runs the statement (the ids of the records it wrote).
 */
export function inlineParameters(text: string, parameters: readonly unknown[]): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      const end = closingQuote(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '$' && /[0-9]/.test(text[i + 1] ?? '')) {
      let j = i + 1;
      while (/[0-9]/.test(text[j] ?? '')) j++;
      const index = Number(text.slice(i + 1, j)) - 1;
      if (index < 0 || index >= parameters.length) throw new Error(`no parameter for ${text.slice(i, j)}`);
      out += literal(parameters[index]);
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Index just past the quote that closes the one at `start` (a doubled quote is part of the text). */
function closingQuote(text: string, start: number): number {
  const quote = text[start]!;
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  throw new Error('unterminated quote in SQL');
}

function quoted(value: string): string {
  if (value.includes('\0')) throw new Error('a NUL character cannot be written into SQL');
  return `'${value.replaceAll("'", "''")}'`;
}

/** An array as PostgreSQL's array text (`{"a","b",NULL}`), as pg sends it. */
function arrayText(values: readonly unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayText(v);
    const text = scalarText(v);
    return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} cannot be written into SQL`);
    return String(value);
  }
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  throw new Error(`a ${typeof value} cannot be written into SQL`);
}

export const TRIGGER_IDS: object = Object.freeze({});

function literal(value: unknown): string {
  if (value === TRIGGER_IDS) return 'ids';
  if (value === null || value === undefined) return 'NULL';
  return quoted(Array.isArray(value) ? arrayText(value) : scalarText(value));
}
