import { sql, type Kysely } from 'kysely';
import { FORM_ACTIONS, type FormAction, type FormGrant, type RoleDefinition, type RowScope, type User } from '@tangram/schema';
import type { FormAccess, ResolvedScope } from './api';

const NO_ACCESS_ACTIONS: ReadonlySet<FormAction> = new Set();

function frozenAccess(access: FormAccess): FormAccess {
  return Object.freeze(access);
}

/** What the public (no user) or a disabled user may do: nothing. Public forms get their own grant later. */
function noAccess(app: string, form: string, user: FormAccess['user']): FormAccess {
  return frozenAccess({ app, form, user, actions: NO_ACCESS_ACTIONS, rowScopes: {}, hiddenFields: new Set(), readOnlyFields: new Set(), deniedValues: new Map() });
}

/** Fields in every set (an empty list of sets gives none). */
function intersect(sets: readonly ReadonlySet<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  return new Set([...sets[0]!].filter((x) => sets.every((s) => s.has(x))));
}

interface MembershipRow { body: RoleDefinition; org_unit_id: string | null; path: string | null }

/**
 * Resolves a user's roles in an app into what they may do in one form.
 *
 * - admin: every action on every row, no field rules.
 * - otherwise the union of the grants for this form across the user's memberships: an action is allowed
 *   when any grant allows it, and its row scopes are OR-ed. `orgUnitTree` becomes the subtree of the
 *   membership's org unit (a membership with no org unit reaches no rows through it); `mine` the owner.
 * - field rules combine permissively, like the actions: a field is hidden only when every grant that lets
 *   the user read hides it, read-only only when every grant that lets them write restricts it, and a value
 *   is denied only when every writing grant denies it. A second role can only ever add, never take away.
 */
export async function resolveFormAccess(db: Kysely<any>, user: User | null, app: string, form: string): Promise<FormAccess> {
  if (!user || user.disabled) return noAccess(app, form, user ? { id: user.id, orgUnitIds: [], isAdmin: false } : null);
  const { rows } = await sql<MembershipRow>`
    select ro.body, m.org_unit_id, ou.path
    from memberships m
    join roles ro on ro.app = m.app and ro.key = m.role
    left join org_units ou on ou.id = m.org_unit_id
    where m.user_id = ${user.id} and m.app = ${app}
    order by m.id`.execute(db);
  const orgUnitIds = [...new Set(rows.map((r) => r.org_unit_id).filter((id): id is string => id !== null))];
  const userContext = Object.freeze({ id: user.id, orgUnitIds: Object.freeze(orgUnitIds), isAdmin: user.isAdmin });
  if (user.isAdmin) {
    return frozenAccess({
      app, form, user: userContext, actions: new Set(FORM_ACTIONS),
      rowScopes: Object.fromEntries(FORM_ACTIONS.map((a) => [a, [{ kind: 'all' }]])),
      hiddenFields: new Set(), readOnlyFields: new Set(), deniedValues: new Map(),
    });
  }

  const grants = rows.flatMap((row) => (row.body.grants ?? []).filter((g) => g.form === form).map((grant) => ({ grant, row })));
  const subtrees = await expandSubtrees(db, [...new Set(grants.filter((g) => g.grant.scope.kind === 'orgUnitTree' && g.row.path).map((g) => g.row.path!))]);

  const actions = new Set<FormAction>();
  const rowScopes: Partial<Record<FormAction, ResolvedScope[]>> = {};
  const toScope = ({ grant, row }: { grant: FormGrant; row: MembershipRow }): ResolvedScope => {
    const RESOLVE: { readonly [K in FormGrant['scope']['kind']]: () => ResolvedScope } = {
      all: () => ({ kind: 'all' }),
      orgUnitTree: () => ({ kind: 'orgUnits', orgUnitIds: row.path ? subtrees.get(row.path) ?? [] : [] }),
      mine: () => ({ kind: 'owner', userId: user.id }),
      condition: () => ({ kind: 'condition', condition: (grant.scope as Extract<RowScope, { kind: 'condition' }>).condition }),
    };
    return RESOLVE[grant.scope.kind]();
  };
  for (const entry of grants) {
    const scope = toScope(entry);
    for (const action of entry.grant.actions) {
      actions.add(action);
      rowScopes[action] = [...(rowScopes[action] ?? []), scope];
    }
  }

  const rulesOf = (g: FormGrant, access: 'hidden' | 'readOnly') => new Set((g.fieldRules ?? []).filter((r) => r.access === access).map((r) => r.field));
  const readers = grants.filter((g) => g.grant.actions.includes('read')).map((g) => g.grant);
  const writers = grants.filter((g) => g.grant.actions.some((a) => a === 'create' || a === 'update' || a === 'import')).map((g) => g.grant);
  const hiddenFields = intersect(readers.map((g) => rulesOf(g, 'hidden')));
  const readOnlyFields = intersect(writers.map((g) => new Set([...rulesOf(g, 'hidden'), ...rulesOf(g, 'readOnly')])));
  const deniedValues = new Map<string, readonly unknown[]>();
  const deniedBy = writers.map((g) => new Map((g.deniedValues ?? []).map((rule) => [rule.field, rule.values.map((v) => JSON.stringify(v))])));
  for (const [field, values] of deniedBy[0] ?? new Map<string, string[]>()) {
    const everywhere = values.filter((v) => deniedBy.every((m) => m.get(field)?.includes(v)));
    if (everywhere.length > 0) deniedValues.set(field, Object.freeze(everywhere.map((v) => JSON.parse(v) as unknown)));
  }
  return frozenAccess({ app, form, user: userContext, actions, rowScopes, hiddenFields, readOnlyFields, deniedValues });
}

/** path -> ids of the unit and everything below it (materialised path: "hq.east" covers "hq.east.sh01"). */
async function expandSubtrees(db: Kysely<any>, paths: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (paths.length === 0) return result;
  const { rows } = await sql<{ root: string; id: string }>`
    select p.root, ou.id from unnest(${[...paths]}::text[]) as p(root)
    join org_units ou on ou.path = p.root or ou.path like replace(replace(p.root, '_', '\\_'), '%', '\\%') || '.%'
    order by ou.path`.execute(db);
  for (const row of rows) result.set(row.root, [...(result.get(row.root) ?? []), row.id]);
  return result;
}
