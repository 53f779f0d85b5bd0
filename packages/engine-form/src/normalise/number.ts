import type { NumberField } from '@tangram/schema';
import { parseDecimal } from './decimal-text';
import { EMPTY, INVALID, isEmptyValue, type PrepareNormaliser } from './normaliser';

/**
 * number and percent store a JSON number (percent 12.5 means 12.5 %). A numeric string is accepted
 * ("42", " 3.5 "); more decimals than `decimals` allows are refused, like money.
 */
export const prepareNumber: PrepareNormaliser<NumberField> = (field) => {
  const { decimals, min, max } = field;
  return (value, path, problems) => {
    const parts = parseDecimal(value);
    if (!parts) return isEmptyValue(value) ? EMPTY : (problems.push({ path, code: 'invalidNumber' }), INVALID);
    if (decimals !== undefined && parts.frac.length > decimals) return problems.push({ path, code: 'tooManyDecimals', params: { decimals } }), INVALID;
    const n = typeof value === 'number' ? value : Number(`${parts.negative ? '-' : ''}${parts.int}.${parts.frac || '0'}`);
    if (!Number.isFinite(n)) return problems.push({ path, code: 'invalidNumber' }), INVALID;
    if (min !== undefined && n < min) return problems.push({ path, code: 'minimum', params: { limit: min } }), INVALID;
    if (max !== undefined && n > max) return problems.push({ path, code: 'maximum', params: { limit: max } }), INVALID;
    return n === 0 ? 0 : n;
  };
};
