import type { RatingField } from '@tangram/schema';
import { EMPTY, INVALID, isEmptyValue, type PrepareNormaliser } from './normaliser';

/** A whole number of stars from 1 to `max` (default 5). No rating is "no value", not 0. */
export const prepareRating: PrepareNormaliser<RatingField> = (field) => {
  const max = field.max ?? 5;
  return (value, path, problems) => {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) return value;
    return isEmptyValue(value) ? EMPTY : (problems.push({ path, code: 'invalidRating', params: { max } }), INVALID);
  };
};
