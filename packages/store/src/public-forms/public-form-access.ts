import type { FormAccess } from '../api';

/**
 * What an anonymous visitor of an enabled public form may do, through the same chokepoint as everyone:
 * create records, and find (read) a record of the same form when the duplicate check asks. Nothing the
 * visitor sends is ever read back to them; the server answers only "thank you".
 */
export function publicFormAccess(app: string, form: string): FormAccess {
  return Object.freeze({
    app,
    form,
    user: null,
    actions: new Set(['create', 'read'] as const),
    rowScopes: Object.freeze({ create: [{ kind: 'all' as const }], read: [{ kind: 'all' as const }] }),
    hiddenFields: new Set<string>(),
    readOnlyFields: new Set<string>(),
    deniedValues: new Map<string, readonly unknown[]>(),
  });
}
