/** Building blocks shared by every metadata schema. Inlined (not `$ref`ed) so each published schema stands alone. */

/** Keys used in conditions and the API: `{"var": "budget"}`. */
export const KEY_PATTERN = '^[a-z][a-z0-9_]*$';
/** App keys appear in URLs, so they take dashes instead of underscores. */
export const APP_KEY_PATTERN = '^[a-z][a-z0-9-]*$';
/** Storage ids: short, URL-safe. */
export const ID_PATTERN = '^[A-Za-z0-9_-]+$';
/** `#rgb`, `#rrggbb` or `#rrggbbaa`. */
export const COLOR_PATTERN = '^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$';
/** Exact decimal as a string, e.g. "1234.50" or "-3". */
export const DECIMAL_PATTERN = '^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$';

export const keySchema = { type: 'string', pattern: KEY_PATTERN, maxLength: 63 } as const;
export const idSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: ID_PATTERN } as const;

/** At least one language; each text non-empty. */
export const localizedTextSchema = {
  type: 'object',
  properties: {
    'zh-CN': { type: 'string', minLength: 1, maxLength: 2000 },
    en: { type: 'string', minLength: 1, maxLength: 2000 },
  },
  additionalProperties: false,
  minProperties: 1,
} as const;

/** Any JSON value: json-logic is checked by walking it (see json-logic-vars.ts), not by a schema. */
export const jsonLogicSchema = {} as const;
