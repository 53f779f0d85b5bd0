import type { ValidateFunction } from 'ajv';
import type { AppDefinition } from '../app';
import type { FormDefinition } from '../form';
import type { OrgUnit, RoleDefinition } from '../identity';
import type { DashboardDefinition, ReportDefinition } from '../report';
import type { Problem, Validated } from '../problem';
import { appDefinitionSchema } from '../schemas/app.schema';
import { dashboardDefinitionSchema } from '../schemas/dashboard.schema';
import { formDefinitionSchema } from '../schemas/form.schema';
import { orgUnitSchema } from '../schemas/org-unit.schema';
import { reportDefinitionSchema } from '../schemas/report.schema';
import { roleDefinitionSchema } from '../schemas/role.schema';
import { compileSchema } from './ajv-instance';
import { problemsFromAjv } from './ajv-problems';
import { frozenCopy } from './deep-freeze';
import { checkFormSemantics } from './form-semantics';
import { checkOrgUnitSemantics } from './org-unit-semantics';
import { checkDashboardSemantics, checkReportSemantics } from './report-semantics';
import { checkRoleSemantics } from './role-semantics';

/** Schema first; semantic checks only run on a value of the right shape, so they never see garbage. */
function createValidator<T>(validateShape: ValidateFunction<T>, semantics: (value: T) => Problem[]): (input: unknown) => Validated<T> {
  return (input) => {
    if (!validateShape(input)) return { ok: false, problems: problemsFromAjv(validateShape.errors) };
    const problems = semantics(input);
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, value: frozenCopy(input) };
  };
}

const none = (): Problem[] => [];

/**
 * `validateForm({schemaVersion: 1, key: "lead", name: {en: "Lead"}, fields: []})` -> `{ok: true, value}`
 * `validateForm({... fields: [{... kind: "select", options: [], ...}]})`
 *   -> `{ok: false, problems: [{path: "/fields/0/options", code: "minItems", params: {limit: 1}}]}`
 */
export const validateForm = createValidator(compileSchema<FormDefinition>(formDefinitionSchema), checkFormSemantics);
export const validateApp = createValidator(compileSchema<AppDefinition>(appDefinitionSchema), none);
export const validateRole = createValidator(compileSchema<RoleDefinition>(roleDefinitionSchema), checkRoleSemantics);
export const validateOrgUnit = createValidator(compileSchema<OrgUnit>(orgUnitSchema), checkOrgUnitSemantics);
/** Shape and self-consistency of a report; its fields are checked against the form by engine-report. */
export const validateReport = createValidator(compileSchema<ReportDefinition>(reportDefinitionSchema), (r) => checkReportSemantics(r));
export const validateDashboard = createValidator(compileSchema<DashboardDefinition>(dashboardDefinitionSchema), checkDashboardSemantics);
