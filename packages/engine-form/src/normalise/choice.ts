import type { SelectField } from '@tangram/schema';
import { pointer } from '@tangram/schema';
import { INVALID, typeProblem, type PrepareNormaliser } from './normaliser';

/** select: one option value. multiselect: distinct option values in the order sent, within min/maxItems. */
export const prepareChoice: PrepareNormaliser<SelectField> = (field) => {
  const values = new Set(field.options.map((o) => o.value));
  if (field.kind === 'select') {
    return (value, path, problems) => {
      if (typeof value !== 'string') return problems.push(typeProblem(path, 'string')), INVALID;
      return values.has(value) ? value : (problems.push({ path, code: 'notAnOption', params: { value } }), INVALID);
    };
  }
  return (value, path, problems) => {
    if (!Array.isArray(value)) return problems.push(typeProblem(path, 'array')), INVALID;
    const before = problems.length;
    const seen = new Set<string>();
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'string') problems.push(typeProblem(pointer(path, i), 'string'));
      else if (!values.has(item)) problems.push({ path: pointer(path, i), code: 'notAnOption', params: { value: item } });
      else if (seen.has(item)) problems.push({ path: pointer(path, i), code: 'duplicate', params: { value: item } });
      else seen.add(item);
    }
    if (field.minItems !== undefined && value.length < field.minItems) problems.push({ path, code: 'minItems', params: { limit: field.minItems } });
    if (field.maxItems !== undefined && value.length > field.maxItems) problems.push({ path, code: 'maxItems', params: { limit: field.maxItems } });
    return problems.length === before ? value.slice() : INVALID;
  };
};
