export * from './common.schema';
export { appDefinitionSchema } from './app.schema';
export { fieldSchema } from './field.schema';
export { formDefinitionSchema } from './form.schema';
export { orgUnitSchema } from './org-unit.schema';
export { roleDefinitionSchema } from './role.schema';
export { reportDefinitionSchema } from './report.schema';
export { dashboardDefinitionSchema } from './dashboard.schema';
