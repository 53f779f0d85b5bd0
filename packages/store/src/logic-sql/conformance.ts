import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The official JsonLogic vectors, from `shared/` beside the repository. */
export function loadConformanceTriples(): [unknown, unknown, unknown][] {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
  const file = resolve(repo, '../shared/conformance/jsonlogic/tests.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
  return all.filter((entry): entry is [unknown, unknown, unknown] => Array.isArray(entry));
}
