import { pointer, type OrgUnitField, type RelationField, type UserField } from '@tangram/schema';
import { INVALID, typeProblem, type Normalise, type PrepareNormaliser } from './normaliser';

const MAX_ID_LENGTH = 128;

const single: Normalise = (value, path, problems) => {
  if (typeof value !== 'string') return problems.push(typeProblem(path, 'string')), INVALID;
  const id = value.trim();
  if (id === '' || id.length > MAX_ID_LENGTH) return problems.push({ path, code: 'invalidId' }), INVALID;
  return id;
};

const many: Normalise = (value, path, problems) => {
  if (!Array.isArray(value)) return problems.push(typeProblem(path, 'array')), INVALID;
  const before = problems.length;
  const ids = new Set<string>();
  value.forEach((item: unknown, i: number) => {
    const id = single(item, pointer(path, i), problems);
    if (typeof id !== 'string') return;
    if (ids.has(id)) problems.push({ path: pointer(path, i), code: 'duplicate', params: { value: id } });
    ids.add(id);
  });
  return problems.length === before ? [...ids] : INVALID;
};

/**
 * user, orgunit and relation hold ids (strings), or arrays of distinct ids when `multiple`.
 * Whether the id exists, and may be seen by the writer, is the server's question: the engine has no IO.
 */
export const prepareReference: PrepareNormaliser<UserField | OrgUnitField | RelationField> = (field) =>
  'multiple' in field && field.multiple ? many : single;
