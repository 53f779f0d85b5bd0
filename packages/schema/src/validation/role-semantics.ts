import type { RoleDefinition } from '../identity';
import type { Problem } from '../problem';
import { pointer } from './json-pointer';

/** Two grants for one form would make "what may this role do" depend on order: refused. */
export function checkRoleSemantics(role: RoleDefinition): Problem[] {
  const problems: Problem[] = [];
  const forms = new Set<string>();
  role.grants.forEach((grant, g) => {
    const path = pointer('/grants', g);
    if (forms.has(grant.form)) problems.push({ path: pointer(path, 'form'), code: 'duplicateGrant', params: { form: grant.form } });
    forms.add(grant.form);
    const ruled = new Set<string>();
    grant.fieldRules?.forEach((rule, r) => {
      if (ruled.has(rule.field)) problems.push({ path: pointer(pointer(pointer(path, 'fieldRules'), r), 'field'), code: 'duplicate', params: { value: rule.field } });
      ruled.add(rule.field);
    });
  });
  return problems;
}
