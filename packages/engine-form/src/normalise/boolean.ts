import type { BooleanField } from '@tangram/schema';
import { INVALID, typeProblem, type PrepareNormaliser } from './normaliser';

/** checkbox and yesno store true or false; `false` is a value, so a required checkbox accepts it. */
export const prepareBoolean: PrepareNormaliser<BooleanField> = () => (value, path, problems) =>
  typeof value === 'boolean' ? value : (problems.push(typeProblem(path, 'boolean')), INVALID);
