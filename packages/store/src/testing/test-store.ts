import { FORM_ACTIONS, type FormAction, type FormDefinition } from '@tangram/schema';
import type { Actor, FormAccess, ResolvedScope, Store } from '../api';
import { createStoreFromHandle } from '../create-store';
import type { DialectName } from '../database';
import { openTestDatabase } from './index';

/** A migrated store on a fresh test database of the dialect; close it in afterAll. */
export async function openTestStore(dialect: DialectName, options: { now?: () => Date } = {}): Promise<Store> {
  const handle = await openTestDatabase(dialect);
  const store = createStoreFromHandle(handle, options);
  await store.migrate();
  return store;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ userId: null, via: 'system' });

/** Everything on every row: what an admin resolves to. */
export function fullAccess(app: string, form: string, userId = 'u-admin'): FormAccess {
  return accessWith(app, form, { userId, isAdmin: true });
}

/** A hand-built access for tests of the chokepoint; unspecified actions get the `all` scope. */
export function accessWith(app: string, form: string, options: {
  userId?: string; isAdmin?: boolean; orgUnitIds?: string[]; actions?: readonly FormAction[];
  scope?: ResolvedScope | readonly ResolvedScope[]; hidden?: string[]; readOnly?: string[]; denied?: Record<string, unknown[]>;
}): FormAccess {
  const actions = options.actions ?? FORM_ACTIONS;
  const scopes = options.scope === undefined ? [{ kind: 'all' } as const] : Array.isArray(options.scope) ? options.scope : [options.scope as ResolvedScope];
  return {
    app, form,
    user: { id: options.userId ?? 'u-test', orgUnitIds: options.orgUnitIds ?? [], isAdmin: options.isAdmin ?? false },
    actions: new Set(actions),
    rowScopes: Object.fromEntries(actions.map((a) => [a, scopes])),
    hiddenFields: new Set(options.hidden ?? []),
    readOnlyFields: new Set(options.readOnly ?? []),
    deniedValues: new Map(Object.entries(options.denied ?? {})),
  };
}

/** Saves and publishes a form; returns its published version. */
export async function publishForm(store: Store, app: string, form: FormDefinition): Promise<number> {
  await store.definitions.saveDraft(SYSTEM_ACTOR, app, 'form', form.key, form);
  return (await store.definitions.publish(SYSTEM_ACTOR, app, 'form', form.key)).version;
}

/** A customer-list form like the template's lead form: the fields benchmarks and tests use. */
export function leadForm(extra: FormDefinition['fields'] = []): FormDefinition {
  const label = (en: string) => ({ en });
  return {
    schemaVersion: 1,
    key: 'lead',
    name: label('Lead'),
    fields: [
      { id: 'f1', key: 'name', kind: 'text', label: label('Name') },
      { id: 'f2', key: 'channel', kind: 'select', label: label('Channel'), options: ['web', 'expo', 'street', 'walkin'].map((value) => ({ value, label: label(value) })) },
      { id: 'f3', key: 'budget', kind: 'money', label: label('Budget') },
      { id: 'f4', key: 'visits', kind: 'number', label: label('Visits') },
      { id: 'f5', key: 'due', kind: 'date', label: label('Due') },
      { id: 'f6', key: 'vip', kind: 'yesno', label: label('VIP') },
      { id: 'f7', key: 'phone', kind: 'phone', label: label('Phone'), unique: true },
      { id: 'f8', key: 'tags', kind: 'multiselect', label: label('Tags'), options: ['a', 'b'].map((value) => ({ value, label: label(value) })) },
      { id: 'f9', key: 'stage', kind: 'select', label: label('Stage'), options: ['new', 'won', 'lost'].map((value) => ({ value, label: label(value) })) },
      { id: 'f10', key: 'secret', kind: 'text', label: label('Secret') },
      ...extra,
    ],
  };
}
