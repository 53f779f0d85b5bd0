import type { RegionField, RegionValue } from '@tangram/schema';
import { INVALID, emptyOrWrongType, type PrepareNormaliser } from './normaliser';

const PARTS = ['province', 'city', 'district'] as const;

/**
 * `{province, city?, district?}` of names or codes, trimmed; exactly `depth` levels (default 3) must be
 * filled and no more. Whether a city lies in its province is checked against a region table by the UI.
 */
export const prepareRegion: PrepareNormaliser<RegionField> = (field) => {
  const depth = field.depth ?? 3;
  return (value, path, problems) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return emptyOrWrongType(value, path, problems, 'object');
    const v = value as Record<string, unknown>;
    const region: Record<string, string> = {};
    for (const key of Object.keys(v)) {
      const level = PARTS.indexOf(key as (typeof PARTS)[number]);
      if (level < 0 || level >= depth) return problems.push({ path, code: 'invalidRegion', params: { depth } }), INVALID;
    }
    for (let level = 0; level < depth; level++) {
      const part = PARTS[level] as string;
      const text = typeof v[part] === 'string' ? (v[part] as string).trim() : '';
      if (text === '') return problems.push({ path, code: 'invalidRegion', params: { depth } }), INVALID;
      region[part] = text;
    }
    return region as unknown as RegionValue;
  };
};
