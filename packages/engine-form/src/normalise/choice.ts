import type { SelectField } from '@tangram/schema';
import { pointer } from '@tangram/schema';
import { EMPTY, INVALID, emptyOrWrongType, typeProblem, type PrepareNormaliser } from './normaliser';

/** select: one option value. multiselect: distinct option values in the order sent, within min/maxItems. */
export const prepareChoice: PrepareNormaliser<SelectField> = (field) => {
  const values = new Set(field.options.map((o) => o.value));
  if (field.kind === 'select') {
    // A blank option value is "no value" like any blank text, so only the others are accepted at once.
    const chosen = new Set([...values].filter((v) => v.trim() !== ''));
    return (value, path, problems) => {
      if (typeof value !== 'string') return emptyOrWrongType(value, path, problems, 'string');
      if (chosen.has(value)) return value;
      if (value.trim() === '') return EMPTY;
      return problems.push({ path, code: 'notAnOption', params: { value } }), INVALID;
    };
  }
  const { minItems, maxItems } = field;
  return (value, path, problems) => {
    if (!Array.isArray(value)) return emptyOrWrongType(value, path, problems, 'array');
    if (value.length === 0) return EMPTY;
    const before = problems.length;
    const seen = new Set<string>();
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'string') problems.push(typeProblem(pointer(path, i), 'string'));
      else if (!values.has(item)) problems.push({ path: pointer(path, i), code: 'notAnOption', params: { value: item } });
      else if (seen.has(item)) problems.push({ path: pointer(path, i), code: 'duplicate', params: { value: item } });
      else seen.add(item);
    }
    if (minItems !== undefined && value.length < minItems) problems.push({ path, code: 'minItems', params: { limit: minItems } });
    if (maxItems !== undefined && value.length > maxItems) problems.push({ path, code: 'maxItems', params: { limit: maxItems } });
    return problems.length === before ? value.slice() : INVALID;
  };
};
