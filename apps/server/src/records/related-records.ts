/**
 * A record's neighbours for the record page (customer 360): the records of other forms whose relation
 * fields point at it (a customer's follow-ups, orders), and the records its own relation fields point
 * to. Every read goes through the store's chokepoint with the caller's access to that form: a form they
 * cannot read is left out, and no count includes a row they cannot see.
 */
import type { Field, FormDefinition, IncomingRelated, JsonLogic, OutgoingRelated, RecordView, RelationField, User } from '@tangram/schema';
import type { FormAccess, Store } from '@tangram/store';
import { visibleRecord } from './field-access';
import type { PublishedForms } from './published-forms';

/** How many related records each panel shows; the rest are behind "view all". */
export const RELATED_PAGE = 5;
/** Most linked records named per relation field of the record itself. */
const MAX_OUTGOING = 20;

/** The filter for "records whose `field` points at `id`": equality, or membership for a multiple relation. */
export function pointsAt(field: RelationField, id: string): JsonLogic {
  return field.multiple ? { in: [id, { var: field.key }] } : { '==': [{ var: field.key }, id] };
}

function visibleFields(definition: FormDefinition, access: FormAccess): Field[] {
  return definition.fields.filter((f) => !access.hiddenFields.has(f.key));
}

async function publishedForms(store: Store, forms: PublishedForms, app: string): Promise<FormDefinition[]> {
  const keys = [...new Set((await store.definitions.list(app, 'form')).filter((d) => d.version > 0).map((d) => d.key))];
  const loaded = await Promise.all(keys.map((key) => forms.latest(app, key).catch(() => null)));
  return loaded.filter((f) => f !== null).map((f) => f.definition);
}

export async function incomingRelated(store: Store, forms: PublishedForms, user: User, app: string, form: string, id: string): Promise<IncomingRelated[]> {
  const definitions = await publishedForms(store, forms, app);
  const pairs = definitions.flatMap((definition) => definition.fields
    .filter((f): f is RelationField => f.kind === 'relation' && f.form === form)
    .map((field) => ({ definition, field })));
  const groups = await Promise.all(pairs.map(async ({ definition, field }): Promise<IncomingRelated | null> => {
    const access = await store.identity.resolveAccess(user, app, definition.key);
    if (!access.actions.has('read') || access.hiddenFields.has(field.key)) return null;
    const filter = pointsAt(field, id);
    const page = await store.records(app, definition.key).list(access, { filter, limit: RELATED_PAGE });
    return {
      form: definition.key,
      formName: definition.name,
      field: field.key,
      fieldLabel: field.label,
      multiple: field.multiple === true,
      filter,
      total: page.total,
      items: page.items.map((r) => visibleRecord(access, r)),
      fields: visibleFields(definition, access),
      canCreate: access.actions.has('create') && !access.readOnlyFields.has(field.key),
    };
  }));
  return groups.filter((g) => g !== null);
}

function display(record: RecordView, target: FormDefinition, field: RelationField, access: FormAccess): string {
  const key = field.displayField ?? target.fields.find((f) => f.kind === 'text')?.key;
  const value = key === undefined || access.hiddenFields.has(key) ? undefined : record.data[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : `#${record.id}`;
}

export async function outgoingRelated(store: Store, forms: PublishedForms, user: User, app: string, definition: FormDefinition, record: RecordView): Promise<OutgoingRelated[]> {
  const fields = definition.fields.filter((f): f is RelationField => f.kind === 'relation' && record.data[f.key] !== undefined && record.data[f.key] !== null);
  const groups = await Promise.all(fields.map(async (field): Promise<OutgoingRelated | null> => {
    const value = record.data[field.key];
    const ids = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string').slice(0, MAX_OUTGOING);
    const target = await forms.latest(app, field.form).catch(() => null);
    if (!target || ids.length === 0) return null;
    const access = await store.identity.resolveAccess(user, app, field.form);
    if (!access.actions.has('read')) return null;
    const found = await Promise.all(ids.map((id) => store.records(app, field.form).get(access, id)));
    const items = found.filter((r) => r !== null).map((r) => ({ id: r.id, label: display(r, target.definition, field, access) }));
    return items.length === 0 ? null : { field: field.key, form: field.form, formName: target.definition.name, items };
  }));
  return groups.filter((g) => g !== null);
}
