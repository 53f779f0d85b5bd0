import { Ajv, type ValidateFunction } from 'ajv';
import * as addFormatsModule from 'ajv-formats';

/**
 * The one ajv instance of Tangram's metadata. Every schema is compiled here once, at module load, so
 * validating a definition never recompiles. `allErrors` because a designer wants every problem at once;
 * `discriminator` so a field with `kind: "money"` is checked against the money branch only and its
 * errors are not drowned in those of the 17 other branches.
 */
export const ajv = new Ajv({ allErrors: true, discriminator: true, strict: true, allowUnionTypes: true, verbose: true });

// ajv-formats is CommonJS; under ESM the callable sits on `default` in some loaders and not in others.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;
addFormats(ajv);

/** Compiles a schema with the shared instance; call at module load, never per validation. */
export function compileSchema<T>(schema: object): ValidateFunction<T> {
  return ajv.compile<T>(schema);
}
