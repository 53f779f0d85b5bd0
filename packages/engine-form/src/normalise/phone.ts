import type { PhoneField } from '@tangram/schema';
import { EMPTY, INVALID, emptyOrWrongType, type PrepareNormaliser } from './normaliser';

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const E164 = /^\+[1-9]\d{6,14}$/;
/** Separators people type inside numbers (ASCII and full-width). */
const SEPARATORS = /[\s\-－—–.()（）\u3000]/g;
const FULL_WIDTH = /[\uff10-\uff19\uff0b]/;

/** Full-width digits and plus (１３８, ＋) as typed with a Chinese IME, to ASCII. */
function toAsciiDigits(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 0xff10 && c <= 0xff19 ? String.fromCharCode(c - 0xff10 + 48) : c === 0xff0b ? '+' : text[i];
  }
  return out;
}

/**
 * Phones are stored canonically so `unique` and search work: a mainland mobile as its 11 digits
 * ("138 0013-8000", "+86 13800138000", "008613800138000" -> "13800138000"), anything else as E.164.
 * region "cn-mobile" accepts only mainland mobiles; "international" stores every number as E.164
 * (including "+8613800138000"); "any" (default) takes both.
 */
export const preparePhone: PrepareNormaliser<PhoneField> = (field) => {
  const region = field.region ?? 'any';
  const international = region === 'international';
  const anyCountry = region !== 'cn-mobile';
  return (value, path, problems) => {
    if (typeof value !== 'string') return emptyOrWrongType(value, path, problems, 'string');
    // Most values are already 11 plain digits: answered before any rewriting.
    if (value.length === 11 && MAINLAND_MOBILE.test(value)) return international ? `+86${value}` : value;
    if (value.trim() === '') return EMPTY;
    let text = (FULL_WIDTH.test(value) ? toAsciiDigits(value) : value).replace(SEPARATORS, '');
    if (text.startsWith('00')) text = `+${text.slice(2)}`;
    const mainland = text.startsWith('+86') ? text.slice(3) : text;
    if (MAINLAND_MOBILE.test(mainland)) return international ? `+86${mainland}` : mainland;
    // A bare number that is not a mainland mobile has no country code: refused rather than guessed.
    if (anyCountry && E164.test(text)) return text;
    return problems.push({ path, code: 'invalidPhone' }), INVALID;
  };
};
