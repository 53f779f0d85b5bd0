import type { Field, FormDefinition, RegionValue } from '@tangram/schema';

/**
 * What the inputs hold while a user types: numbers stay text ("1." is a valid half-typed number),
 * everything else already has the shape the record stores. `toRecordInput` turns it into the body sent.
 */
export type Draft = Readonly<Record<string, unknown>>;

/** Kinds the server computes: never sent. */
const NOT_SENT = new Set<Field['kind']>(['formula', 'autonumber']);
const NUMERIC = new Set<Field['kind']>(['number', 'percent', 'rating']);

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

function regionInput(value: unknown): RegionValue | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const region = value as Partial<Record<keyof RegionValue, string>>;
  const parts = { province: region.province?.trim() ?? '', city: region.city?.trim() ?? '', district: region.district?.trim() ?? '' };
  if (!parts.province && !parts.city && !parts.district) return undefined;
  return { province: parts.province, ...(parts.city ? { city: parts.city } : {}), ...(parts.district ? { district: parts.district } : {}) };
}

function fieldInput(field: Field, value: unknown): unknown {
  if (isBlank(value)) return undefined;
  if (NUMERIC.has(field.kind) && typeof value === 'string') {
    const text = value.trim();
    const number = Number(text);
    // Left as text when it is not a number, so the engine names the problem ("invalidNumber").
    return Number.isFinite(number) ? number : text;
  }
  if (field.kind === 'money' && typeof value === 'string') return value.trim();
  if (field.kind === 'region') return regionInput(value);
  if (field.kind === 'subtable' && Array.isArray(value)) {
    return value.map((row) => toRecordInput(field, (row ?? {}) as Draft, 'create'));
  }
  return value;
}

/**
 * The `data` to send for a draft. On create blank fields are left out; on update they are sent as
 * null so that clearing a field clears it in the record.
 *
 *   toRecordInput(form, { name: ' Ann ', budget: '12.5', age: '' }, 'create') -> { name: ' Ann ', budget: '12.5' }
 */
export function toRecordInput(form: Pick<FormDefinition, 'fields'>, draft: Draft, mode: 'create' | 'update', previous?: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of form.fields) {
    if (NOT_SENT.has(field.kind) || !Object.hasOwn(draft, field.key)) continue;
    const value = fieldInput(field, draft[field.key]);
    if (value !== undefined) input[field.key] = value;
    else if (mode === 'update' && previous && previous[field.key] !== undefined && previous[field.key] !== null) input[field.key] = null;
  }
  return input;
}

/** The draft for a stored record (edit) or a new one: numbers become the text the inputs show. */
export function draftFromRecord(form: Pick<FormDefinition, 'fields'>, data: Readonly<Record<string, unknown>>): Draft {
  const draft: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = data[field.key];
    if (value === undefined || value === null) continue;
    if (NUMERIC.has(field.kind) && typeof value === 'number') draft[field.key] = String(value);
    else if (field.kind === 'subtable' && Array.isArray(value)) draft[field.key] = value.map((row) => draftFromRecord(field, (row ?? {}) as Record<string, unknown>));
    else draft[field.key] = value;
  }
  return Object.freeze(draft);
}

/** A new draft with one value changed (`path` is a field key, or `items/0/qty` inside a subtable row). */
export function setDraftValue(draft: Draft, path: readonly (string | number)[], value: unknown): Draft {
  const [head, ...rest] = path;
  if (head === undefined) return draft;
  if (rest.length === 0) return Object.freeze({ ...draft, [head]: value });
  const rows = Array.isArray(draft[head]) ? [...(draft[head] as Draft[])] : [];
  const [index, ...inRow] = rest;
  if (typeof index !== 'number') return draft;
  rows[index] = setDraftValue(rows[index] ?? {}, inRow, value);
  return Object.freeze({ ...draft, [head]: Object.freeze(rows) });
}
