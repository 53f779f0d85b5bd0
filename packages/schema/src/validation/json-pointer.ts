/** Appends one reference token to a JSON pointer (RFC 6901): `~` -> `~0`, `/` -> `~1`. */
export function pointer(base: string, token: string | number): string {
  const text = String(token);
  // Field keys never need escaping; skip the two regex passes on the engine's hot path.
  if (text.indexOf('~') < 0 && text.indexOf('/') < 0) return `${base}/${text}`;
  return `${base}/${text.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
