import type { MoneyField } from '@tangram/schema';
import { compareParts, formatDecimal, parseDecimal } from './decimal-text';
import { EMPTY, INVALID, isEmptyValue, type PrepareNormaliser } from './normaliser';

/**
 * Money is an exact decimal string with exactly `decimals` places (default 2): 1234.5 -> "1234.50".
 * Numbers and strings are accepted; digits beyond `decimals` are refused, never rounded away, so a
 * float artefact like 0.1 + 0.2 is a problem the caller sees rather than a cent that silently moves.
 */
export const prepareMoney: PrepareNormaliser<MoneyField> = (field) => {
  const decimals = field.decimals ?? 2;
  // Limits are parsed once per form, not once per value.
  const { min: minText, max: maxText } = field;
  const min = minText === undefined ? undefined : parseDecimal(minText);
  const max = maxText === undefined ? undefined : parseDecimal(maxText);
  return (value, path, problems) => {
    const parts = parseDecimal(value);
    if (!parts) return isEmptyValue(value) ? EMPTY : (problems.push({ path, code: 'invalidNumber' }), INVALID);
    if (parts.frac.length > decimals) return problems.push({ path, code: 'tooManyDecimals', params: { decimals } }), INVALID;
    if (min && compareParts(parts, min) < 0) return problems.push({ path, code: 'minimum', params: { limit: minText } }), INVALID;
    if (max && compareParts(parts, max) > 0) return problems.push({ path, code: 'maximum', params: { limit: maxText } }), INVALID;
    return formatDecimal(parts, decimals);
  };
};
