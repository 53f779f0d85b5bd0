import { compareDecimal, type MoneyField } from '@tangram/schema';
import { formatDecimal, parseDecimal } from './decimal-text';
import { INVALID, type PrepareNormaliser } from './normaliser';

/**
 * Money is an exact decimal string with exactly `decimals` places (default 2): 1234.5 -> "1234.50".
 * Numbers and strings are accepted; digits beyond `decimals` are refused, never rounded away, so a
 * float artefact like 0.1 + 0.2 is a problem the caller sees rather than a cent that silently moves.
 */
export const prepareMoney: PrepareNormaliser<MoneyField> = (field) => {
  const decimals = field.decimals ?? 2;
  return (value, path, problems) => {
    const parts = parseDecimal(value);
    if (!parts) return problems.push({ path, code: 'invalidNumber' }), INVALID;
    if (parts.frac.length > decimals) return problems.push({ path, code: 'tooManyDecimals', params: { decimals } }), INVALID;
    const text = formatDecimal(parts, decimals);
    if (field.min !== undefined && compareDecimal(text, field.min) < 0) return problems.push({ path, code: 'minimum', params: { limit: field.min } }), INVALID;
    if (field.max !== undefined && compareDecimal(text, field.max) > 0) return problems.push({ path, code: 'maximum', params: { limit: field.max } }), INVALID;
    return text;
  };
};
