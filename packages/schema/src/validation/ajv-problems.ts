import type { ErrorObject } from 'ajv';
import type { Problem } from '../problem';
import { pointer } from './json-pointer';

type Mapper = (e: ErrorObject) => Problem | undefined;

const limit: Mapper = (e) => ({ path: e.instancePath, code: e.keyword, params: { limit: e.params.limit } });

/** Tag values a discriminated `oneOf` accepts, read from the schema itself (ajv runs with `verbose`). */
function discriminatorValues(parentSchema: unknown): unknown[] {
  const branches = (parentSchema as { oneOf?: { properties?: { kind?: { const?: unknown; enum?: unknown[] } } }[] }).oneOf ?? [];
  return branches.flatMap((b) => (b.properties?.kind?.enum ?? [b.properties?.kind?.const]));
}

/**
 * ajv keyword -> our stable problem code. Keywords we don't use fall back to `invalid`, so a schema change
 * can never produce an unmapped crash.
 */
const mappers: Record<string, Mapper> = {
  required: (e) => ({ path: pointer(e.instancePath, e.params.missingProperty), code: 'required' }),
  additionalProperties: (e) => ({
    path: pointer(e.instancePath, e.params.additionalProperty),
    code: 'unknownProperty',
    params: { property: e.params.additionalProperty },
  }),
  type: (e) => ({ path: e.instancePath, code: 'type', params: { expected: e.params.type } }),
  enum: (e) => ({ path: e.instancePath, code: 'enum', params: { allowedValues: e.params.allowedValues } }),
  const: (e) => ({ path: e.instancePath, code: 'enum', params: { allowedValues: [e.params.allowedValue] } }),
  pattern: (e) => ({ path: e.instancePath, code: 'pattern', params: { pattern: e.params.pattern } }),
  format: (e) => ({ path: e.instancePath, code: 'format', params: { format: e.params.format } }),
  minLength: limit,
  maxLength: limit,
  minItems: limit,
  maxItems: limit,
  minimum: limit,
  maximum: limit,
  exclusiveMinimum: (e) => ({ path: e.instancePath, code: 'minimum', params: { limit: e.params.limit, exclusive: true } }),
  // minProperties is only used by LocalizedText: a label needs at least one language.
  minProperties: (e) => ({ path: e.instancePath, code: 'localizedTextEmpty' }),
  uniqueItems: (e) => ({ path: pointer(e.instancePath, Math.max(e.params.i, e.params.j)), code: 'duplicate' }),
  discriminator: (e) => {
    // A missing tag is already reported by `required`.
    if (e.params.tagValue === undefined) return undefined;
    const path = pointer(e.instancePath, e.params.tag);
    if (e.params.error === 'tag') return { path, code: 'type', params: { expected: 'string' } };
    return { path, code: 'enum', params: { allowedValues: discriminatorValues(e.parentSchema) } };
  },
};

/** Every ajv error as a located Problem, without duplicates, in document order. */
export function problemsFromAjv(errors: readonly ErrorObject[] | null | undefined): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of errors ?? []) {
    const problem = (mappers[e.keyword] ?? ((x: ErrorObject) => ({ path: x.instancePath, code: 'invalid' })))(e);
    if (!problem) continue;
    const id = `${problem.path} ${problem.code}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}
