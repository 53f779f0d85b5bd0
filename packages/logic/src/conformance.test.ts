import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogic } from './create-logic';

/** The official JsonLogic vectors live in `shared/`, a sibling of the repository. */
export function loadConformanceTriples(): [unknown, unknown, unknown][] {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  const file = resolve(repo, '../shared/conformance/jsonlogic/tests.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
  return all.filter((entry): entry is [unknown, unknown, unknown] => Array.isArray(entry));
}

describe('json-logic conformance (in memory)', () => {
  const triples = loadConformanceTriples();
  const logic = createLogic();

  it('has all 277 official vectors', () => {
    expect(triples).toHaveLength(277);
  });

  it.each(triples.map((triple, index) => [index, ...triple] as const))('vector %i: %j with %j', (_i, rule, data, expected) => {
    expect(logic.apply(rule, data)).toStrictEqual(expected);
    // Compiled once, the same closure gives the same answer again.
    const compiled = logic.compile(rule);
    expect(compiled(data)).toStrictEqual(expected);
  });
});
