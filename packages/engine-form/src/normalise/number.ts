import type { NumberField } from '@tangram/schema';
import { parseDecimal } from './decimal-text';
import { INVALID, type PrepareNormaliser } from './normaliser';

/**
 * number and percent store a JSON number (percent 12.5 means 12.5 %). A numeric string is accepted
 * ("42", " 3.5 "); more decimals than `decimals` allows are refused, like money.
 */
export const prepareNumber: PrepareNormaliser<NumberField> = (field) => (value, path, problems) => {
  const parts = parseDecimal(value);
  if (!parts) return problems.push({ path, code: 'invalidNumber' }), INVALID;
  if (field.decimals !== undefined && parts.frac.length > field.decimals) {
    return problems.push({ path, code: 'tooManyDecimals', params: { decimals: field.decimals } }), INVALID;
  }
  const n = typeof value === 'number' ? value : Number(`${parts.negative ? '-' : ''}${parts.int}.${parts.frac || '0'}`);
  if (!Number.isFinite(n)) return problems.push({ path, code: 'invalidNumber' }), INVALID;
  if (field.min !== undefined && n < field.min) return problems.push({ path, code: 'minimum', params: { limit: field.min } }), INVALID;
  if (field.max !== undefined && n > field.max) return problems.push({ path, code: 'maximum', params: { limit: field.max } }), INVALID;
  return n === 0 ? 0 : n;
};
