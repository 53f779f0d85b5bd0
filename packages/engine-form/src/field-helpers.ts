import type { Field, FormDefinition } from '@tangram/schema';

/** Formulas and autonumbers are computed by the engine; a value sent for them is ignored. */
export function isComputedField(field: Field): boolean {
  return field.kind === 'formula' || field.kind === 'autonumber';
}

/** Keys the server must allocate a sequence value for before a create (`ctx.autonumbers`). */
export function autonumberFieldKeys(form: FormDefinition): string[] {
  return form.fields.filter((f) => f.kind === 'autonumber').map((f) => f.key);
}
