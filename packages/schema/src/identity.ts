import type { JsonLogic } from './json-logic';
import type { LocalizedText } from './i18n';

/** HQ -> region -> store. `path` is the materialised path of ids, e.g. "hq.east.sh01". */
export interface OrgUnit {
  readonly id: string;
  readonly parentId: string | null;
  readonly kind: 'hq' | 'region' | 'store';
  readonly name: LocalizedText;
}

export const FORM_ACTIONS = ['create', 'read', 'update', 'delete', 'import', 'export', 'assign'] as const;
export type FormAction = (typeof FORM_ACTIONS)[number];

/** Which rows a grant covers. `condition` is json-logic over the record plus `$user.*`. */
export type RowScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'orgUnitTree' }
  | { readonly kind: 'mine' }
  | { readonly kind: 'condition'; readonly condition: JsonLogic };

export interface FieldRule {
  readonly field: string;
  readonly access: 'hidden' | 'readOnly';
}

/** Values holders of a grant may NOT write to `field` (a clerk may not set stage = won; a manager may). */
export interface ValueRule {
  readonly field: string;
  readonly values: readonly unknown[];
}

export const APP_PERMISSIONS = ['design', 'manageMembers', 'shareViews'] as const;
export type AppPermission = (typeof APP_PERMISSIONS)[number];

export interface FormGrant {
  readonly form: string;
  readonly actions: readonly FormAction[];
  readonly scope: RowScope;
  readonly fieldRules?: readonly FieldRule[];
  /** Values this role may NOT set, per field. Values not listed are free. */
  readonly deniedValues?: readonly ValueRule[];
}

export interface RoleDefinition {
  readonly schemaVersion: 1;
  readonly key: string;
  readonly name: LocalizedText;
  /** Per app: may design definitions, may manage members, may share saved list views with everyone. */
  readonly appPermissions?: readonly AppPermission[];
  readonly grants: readonly FormGrant[];
}

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly locale: 'zh-CN' | 'en';
  readonly isAdmin: boolean;
  readonly disabled: boolean;
}
