import type { BooleanField } from '@tangram/schema';
import { emptyOrWrongType, type PrepareNormaliser } from './normaliser';

/** checkbox and yesno store true or false; `false` is a value, so a required checkbox accepts it. */
export const prepareBoolean: PrepareNormaliser<BooleanField> = () => (value, path, problems) =>
  typeof value === 'boolean' ? value : emptyOrWrongType(value, path, problems, 'boolean');
