import type { Problem, TextField } from '@tangram/schema';
import { EMPTY, INVALID, emptyOrWrongType, type PrepareNormaliser } from './normaliser';

/** Length in characters as people count them (code points), so one emoji or one 汉字 is 1. */
function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** One check of trimmed, non-empty text: pushes its problem and says whether it pushed one. */
type TextCheck = (text: string, path: string, problems: Problem[]) => boolean;

/** The checks a field's options ask for, in the order their problems are reported; none for a plain text. */
function textChecks(field: TextField): TextCheck[] {
  const { minLength, maxLength, pattern: source } = field;
  const checks: TextCheck[] = [];
  if (minLength !== undefined) {
    checks.push((text, path, problems) => codePointLength(text) < minLength && problems.push({ path, code: 'minLength', params: { limit: minLength } }) > 0);
  }
  if (maxLength !== undefined) {
    // Code points never outnumber UTF-16 units: short text passes without counting.
    checks.push((text, path, problems) => text.length > maxLength && codePointLength(text) > maxLength && problems.push({ path, code: 'maxLength', params: { limit: maxLength } }) > 0);
  }
  if (source !== undefined) {
    const pattern = new RegExp(source, 'u');
    checks.push((text, path, problems) => !pattern.test(text) && problems.push({ path, code: 'pattern', params: { pattern: source } }) > 0);
  }
  return checks;
}

/** Text is trimmed; length and pattern are checked on the trimmed text, each problem reported. */
export const prepareText: PrepareNormaliser<TextField> = (field) => {
  const checks = textChecks(field);
  const [only] = checks;
  if (checks.length === 0) {
    return (value, path, problems) => {
      if (typeof value !== 'string') return emptyOrWrongType(value, path, problems, 'string');
      const text = value.trim();
      return text === '' ? EMPTY : text;
    };
  }
  if (checks.length === 1 && only) {
    return (value, path, problems) => {
      if (typeof value !== 'string') return emptyOrWrongType(value, path, problems, 'string');
      const text = value.trim();
      if (text === '') return EMPTY;
      return only(text, path, problems) ? INVALID : text;
    };
  }
  return (value, path, problems) => {
    if (typeof value !== 'string') return emptyOrWrongType(value, path, problems, 'string');
    const text = value.trim();
    if (text === '') return EMPTY;
    let refused = false;
    for (const check of checks) if (check(text, path, problems)) refused = true;
    return refused ? INVALID : text;
  };
};
