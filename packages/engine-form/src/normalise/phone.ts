import type { PhoneField } from '@tangram/schema';
import { INVALID, typeProblem, type PrepareNormaliser } from './normaliser';

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const E164 = /^\+[1-9]\d{6,14}$/;
/** Separators people type inside numbers (ASCII and full-width). */
const SEPARATORS = /[\s\-－—–.()（）\u3000]/g;

/** Full-width digits and plus (１３８, ＋) as typed with a Chinese IME, to ASCII. */
function toAsciiDigits(text: string): string {
  return text.replace(/[\uff10-\uff19\uff0b]/g, (c) => (c === '\uff0b' ? '+' : String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48)));
}

/**
 * Phones are stored canonically so `unique` and search work: a mainland mobile as its 11 digits
 * ("138 0013-8000", "+86 13800138000", "008613800138000" -> "13800138000"), anything else as E.164.
 * region "cn-mobile" accepts only mainland mobiles; "international" stores every number as E.164
 * (including "+8613800138000"); "any" (default) takes both.
 */
export const preparePhone: PrepareNormaliser<PhoneField> = (field) => {
  const region = field.region ?? 'any';
  return (value, path, problems) => {
    if (typeof value !== 'string') return problems.push(typeProblem(path, 'string')), INVALID;
    let text = toAsciiDigits(value).replace(SEPARATORS, '');
    if (text.startsWith('00')) text = `+${text.slice(2)}`;
    const mainland = text.startsWith('+86') ? text.slice(3) : text;
    if (MAINLAND_MOBILE.test(mainland)) return region === 'international' ? `+86${mainland}` : mainland;
    // A bare number that is not a mainland mobile has no country code: refused rather than guessed.
    if (region !== 'cn-mobile' && E164.test(text)) return text;
    return problems.push({ path, code: 'invalidPhone' }), INVALID;
  };
};
