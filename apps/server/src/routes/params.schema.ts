/** Path parameters shared by the app, form and record routes. Keys follow the schema package's key rules. */
export const keyPattern = '^[a-z][a-z0-9_-]{0,62}$';
const key = { type: 'string', pattern: keyPattern } as const;
/** Record ids are positive 64-bit integers rendered as digits; anything else cannot exist (404 early, never a SQL error). */
export const recordIdPattern = '^[1-9][0-9]{0,17}$';

export const appParams = { type: 'object', properties: { app: key }, required: ['app'] } as const;
export const formParams = { type: 'object', properties: { app: key, form: key }, required: ['app', 'form'] } as const;
export const roleParams = { type: 'object', properties: { app: key, role: key }, required: ['app', 'role'] } as const;
export const recordParams = {
  type: 'object',
  properties: { app: key, form: key, id: { type: 'string', pattern: recordIdPattern } },
  required: ['app', 'form', 'id'],
} as const;

/** A definition body: its shape is checked by the schema package's validator (422 with every problem), not here. */
export const definitionBody = { type: 'object', description: 'A definition; see the schema package for its JSON Schema.', additionalProperties: true } as const;
