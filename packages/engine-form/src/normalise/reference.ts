import { pointer, type OrgUnitField, type Problem, type RelationField, type UserField } from '@tangram/schema';
import { EMPTY, INVALID, emptyOrWrongType, typeProblem, type Normalise, type PrepareNormaliser } from './normaliser';

const MAX_ID_LENGTH = 128;

/** One item of a list of ids: a blank item is refused (only the field as a whole can be "no value"). */
function item(value: unknown, path: string, problems: Problem[]): string | typeof INVALID {
  if (typeof value !== 'string') return problems.push(typeProblem(path, 'string')), INVALID;
  const id = value.trim();
  if (id === '' || id.length > MAX_ID_LENGTH) return problems.push({ path, code: 'invalidId' }), INVALID;
  return id;
}

const single: Normalise = (value, path, problems) => {
  if (typeof value !== 'string') return emptyOrWrongType(value, path, problems, 'string');
  const id = value.trim();
  if (id === '') return EMPTY;
  if (id.length > MAX_ID_LENGTH) return problems.push({ path, code: 'invalidId' }), INVALID;
  return id;
};

const many: Normalise = (value, path, problems) => {
  if (!Array.isArray(value)) return emptyOrWrongType(value, path, problems, 'array');
  if (value.length === 0) return EMPTY;
  const before = problems.length;
  const ids = new Set<string>();
  value.forEach((raw: unknown, i: number) => {
    const id = item(raw, pointer(path, i), problems);
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
