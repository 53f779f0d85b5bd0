/**
 * An autonumber pattern such as "KH-{YYYYMMDD}-{seq:4}", parsed once. Date parts use the record's
 * creation day in the form's time zone; `{seq:N}` is the sequence value the server allocated, zero-padded
 * to N digits (never truncated).
 */
export type AutonumberPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'date'; readonly part: AutonumberDatePart }
  | { readonly kind: 'seq'; readonly width: number };

export const AUTONUMBER_DATE_PARTS = ['YYYYMMDD', 'YYYYMM', 'YYYY', 'YY', 'MM', 'DD'] as const;
export type AutonumberDatePart = (typeof AUTONUMBER_DATE_PARTS)[number];

export type ParsedAutonumberPattern =
  | { readonly ok: true; readonly parts: readonly AutonumberPart[] }
  | { readonly ok: false; readonly code: 'autonumberToken' | 'autonumberWithoutSeq'; readonly token?: string };

/** `parseAutonumberPattern("NO-{seq:3}")` -> ok, parts [text "NO-", seq 3]. */
export function parseAutonumberPattern(pattern: string): ParsedAutonumberPattern {
  const parts: AutonumberPart[] = [];
  const tokenRe = /\{([^{}]*)\}/g;
  let last = 0;
  let hasSeq = false;
  for (let m = tokenRe.exec(pattern); m; m = tokenRe.exec(pattern)) {
    if (m.index > last) parts.push({ kind: 'text', text: pattern.slice(last, m.index) });
    last = m.index + m[0].length;
    const token = m[1] as string;
    const seq = /^seq:([1-9]|1[0-2])$/.exec(token);
    if (seq) {
      hasSeq = true;
      parts.push({ kind: 'seq', width: Number(seq[1]) });
    } else if ((AUTONUMBER_DATE_PARTS as readonly string[]).includes(token)) {
      parts.push({ kind: 'date', part: token as AutonumberDatePart });
    } else {
      return { ok: false, code: 'autonumberToken', token };
    }
  }
  if (last < pattern.length) parts.push({ kind: 'text', text: pattern.slice(last) });
  if (parts.some((p) => p.kind === 'text' && /[{}]/.test(p.text))) return { ok: false, code: 'autonumberToken', token: pattern };
  // Without a sequence two records created the same day would share a number.
  if (!hasSeq) return { ok: false, code: 'autonumberWithoutSeq' };
  return { ok: true, parts };
}
