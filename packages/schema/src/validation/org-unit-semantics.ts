import type { OrgUnit } from '../identity';
import type { Problem } from '../problem';

/** HQ is the root; every region and store hangs under something; nothing is its own parent. */
export function checkOrgUnitSemantics(unit: OrgUnit): Problem[] {
  if (unit.parentId === unit.id) return [{ path: '/parentId', code: 'orgUnitOwnParent', params: { id: unit.id } }];
  if (unit.kind === 'hq' && unit.parentId !== null) return [{ path: '/parentId', code: 'orgUnitHqHasParent' }];
  if (unit.kind !== 'hq' && unit.parentId === null) return [{ path: '/parentId', code: 'orgUnitParentRequired', params: { kind: unit.kind } }];
  return [];
}
