import type { TextField } from '@tangram/schema';
import { INVALID, typeProblem, type PrepareNormaliser } from './normaliser';

/** Length in characters as people count them (code points), so one emoji or one 汉字 is 1. */
function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** Text is trimmed; length and pattern are checked on the trimmed text. */
export const prepareText: PrepareNormaliser<TextField> = (field) => {
  const pattern = field.pattern === undefined ? undefined : new RegExp(field.pattern, 'u');
  return (value, path, problems) => {
    if (typeof value !== 'string') return problems.push(typeProblem(path, 'string')), INVALID;
    const text = value.trim();
    const length = codePointLength(text);
    const before = problems.length;
    if (field.minLength !== undefined && length < field.minLength) problems.push({ path, code: 'minLength', params: { limit: field.minLength } });
    if (field.maxLength !== undefined && length > field.maxLength) problems.push({ path, code: 'maxLength', params: { limit: field.maxLength } });
    if (pattern && !pattern.test(text)) problems.push({ path, code: 'pattern', params: { pattern: field.pattern } });
    return problems.length === before ? text : INVALID;
  };
};
