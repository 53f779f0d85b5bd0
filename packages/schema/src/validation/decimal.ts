/**
 * Compares two exact decimal strings ("-12.50", "3") without going through binary floats.
 * Returns -1, 0 or 1.
 */
export function compareDecimal(a: string, b: string): number {
  const [sa, ia, fa] = splitDecimal(a);
  const [sb, ib, fb] = splitDecimal(b);
  if (sa !== sb) return ia === '0' && fa === '' && ib === '0' && fb === '' ? 0 : sa < sb ? -1 : 1;
  const magnitude = compareMagnitude(ia, fa, ib, fb);
  return sa * magnitude;
}

function splitDecimal(s: string): [sign: number, int: string, frac: string] {
  const negative = s.startsWith('-');
  const body = negative ? s.slice(1) : s;
  const [int = '0', frac = ''] = body.split('.');
  return [negative ? -1 : 1, int.replace(/^0+(?=\d)/, ''), frac.replace(/0+$/, '')];
}

function compareMagnitude(ia: string, fa: string, ib: string, fb: string): number {
  if (ia.length !== ib.length) return ia.length < ib.length ? -1 : 1;
  if (ia !== ib) return ia < ib ? -1 : 1;
  const width = Math.max(fa.length, fb.length);
  const pa = fa.padEnd(width, '0');
  const pb = fb.padEnd(width, '0');
  return pa === pb ? 0 : pa < pb ? -1 : 1;
}
