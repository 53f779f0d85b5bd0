import { describe, expect, test } from 'vitest';
import { validateApp, validateOrgUnit, validateRole } from './validate';

type Case = readonly [name: string, input: unknown, problems: readonly { path: string; code: string }[]];
const run = (validate: (x: unknown) => { ok: boolean; problems?: readonly unknown[] }) => (_name: string, input: unknown, expected: readonly { path: string; code: string }[]) => {
  const result = validate(input);
  if (expected.length === 0) expect(result).toMatchObject({ ok: true });
  else expect(result).toEqual({ ok: false, problems: expected.map((p) => expect.objectContaining(p)) });
};

const app = { schemaVersion: 1, key: 'offline-crm', name: { 'zh-CN': '线下客户转化' }, color: '#2f80ed', icon: 'store' };
const appCases: Case[] = [
  ['valid app', app, []],
  ['app key with underscore', { ...app, key: 'offline_crm' }, [{ path: '/key', code: 'pattern' }]],
  ['app without name', { ...app, name: undefined }, [{ path: '/name', code: 'required' }]],
  ['app colour', { ...app, color: 'red' }, [{ path: '/color', code: 'pattern' }]],
  ['app unknown property', { ...app, theme: 'dark' }, [{ path: '/theme', code: 'unknownProperty' }]],
];

const role = {
  schemaVersion: 1, key: 'store_manager', name: { en: 'Store manager' }, appPermissions: ['manageMembers'],
  grants: [
    { form: 'lead', actions: ['create', 'read', 'update'], scope: { kind: 'orgUnitTree' }, fieldRules: [{ field: 'budget', access: 'readOnly' }], deniedValues: [{ field: 'stage', values: ['won'] }] },
    { form: 'follow_up', actions: ['read'], scope: { kind: 'condition', condition: { '==': [{ var: 'owner' }, { var: '$user.id' }] } } },
  ],
};
const roleCases: Case[] = [
  ['valid role', role, []],
  ['unknown action', { ...role, grants: [{ ...role.grants[0], actions: ['fly'] }] }, [{ path: '/grants/0/actions/0', code: 'enum' }]],
  ['repeated action', { ...role, grants: [{ ...role.grants[0], actions: ['read', 'read'] }] }, [{ path: '/grants/0/actions/1', code: 'duplicate' }]],
  ['unknown scope kind', { ...role, grants: [{ ...role.grants[0], scope: { kind: 'team' } }] }, [{ path: '/grants/0/scope/kind', code: 'enum' }]],
  ['condition scope without condition', { ...role, grants: [{ ...role.grants[0], scope: { kind: 'condition' } }] }, [{ path: '/grants/0/scope/condition', code: 'required' }]],
  ['all scope with extra', { ...role, grants: [{ ...role.grants[0], scope: { kind: 'all', condition: true } }] }, [{ path: '/grants/0/scope/condition', code: 'unknownProperty' }]],
  ['field rule access', { ...role, grants: [{ ...role.grants[0], fieldRules: [{ field: 'budget', access: 'secret' }] }] }, [{ path: '/grants/0/fieldRules/0/access', code: 'enum' }]],
  ['two grants for one form', { ...role, grants: [role.grants[0], role.grants[0]] }, [{ path: '/grants/1/form', code: 'duplicateGrant' }]],
  ['two rules for one field', { ...role, grants: [{ ...role.grants[0], fieldRules: [{ field: 'budget', access: 'readOnly' }, { field: 'budget', access: 'hidden' }] }] }, [{ path: '/grants/0/fieldRules/1/field', code: 'duplicate' }]],
];

const unit = { id: 'sh01', parentId: 'east', kind: 'store', name: { 'zh-CN': '上海一店', en: 'Shanghai 01' } };
const unitCases: Case[] = [
  ['valid store', unit, []],
  ['valid hq', { ...unit, id: 'hq', parentId: null, kind: 'hq' }, []],
  ['hq with a parent', { ...unit, kind: 'hq' }, [{ path: '/parentId', code: 'orgUnitHqHasParent' }]],
  ['store without a parent', { ...unit, parentId: null }, [{ path: '/parentId', code: 'orgUnitParentRequired' }]],
  ['own parent', { ...unit, parentId: 'sh01' }, [{ path: '/parentId', code: 'orgUnitOwnParent' }]],
  ['parent id wrong type is one problem', { ...unit, parentId: 5 }, [{ path: '/parentId', code: 'type' }]],
  ['unknown kind', { ...unit, kind: 'city' }, [{ path: '/kind', code: 'enum' }]],
  ['missing name', { id: 'x', parentId: null, kind: 'hq' }, [{ path: '/name', code: 'required' }]],
];

describe('validateApp', () => test.each(appCases)('%s', run(validateApp)));
describe('validateRole', () => test.each(roleCases)('%s', run(validateRole)));
describe('validateOrgUnit', () => test.each(unitCases)('%s', run(validateOrgUnit)));
