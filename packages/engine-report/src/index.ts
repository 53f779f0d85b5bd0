export { planReport, type PlanInput, type ReportContext } from './plan-report';
export { formatReport } from './format-report';
export { drillFilter, type DrillTarget } from './drill-filter';
export { createOrgTree, type OrgTree } from './org-tree';
export { REPORT_TIME_ZONE, previousPeriod } from './calendar';
export type { ReportPlan, PlannedDimension, PlannedMeasure } from './report-plan';
