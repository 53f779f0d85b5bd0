import type { Validated } from '@tangram/schema';
import { ApiError } from '../errors';

/** The validated value, or a 422 listing every problem by path. */
export function validOrThrow<T>(result: Validated<T>, basePath = ''): T {
  if (result.ok) return result.value;
  throw new ApiError('ERR_DEFINITION_INVALID', {
    errors: result.problems.map((p) => ({ path: `${basePath}${p.path}`, code: p.code, ...(p.params ? { params: p.params } : {}) })),
  });
}
