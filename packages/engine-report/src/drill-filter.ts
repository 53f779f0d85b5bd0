import type { DrillCell, JsonLogic, OrgUnit, Problem, ReportQuery, Validated } from '@tangram/schema';
import { allOf, dimensionCondition } from './conditions';
import { createOrgTree } from './org-tree';
import type { ReportPlan } from './report-plan';

/**
 * Where a click leads. A bar, slice or pivot cell is a condition on field values: the list view runs it
 * under the same viewer's scope and finds exactly the records counted. A funnel stage is history, not a
 * field value: the store lists the records that reached it (`query` holds the funnel and the split).
 */
export type DrillTarget =
  | { readonly kind: 'filter'; readonly filter: JsonLogic }
  | { readonly kind: 'funnelStage'; readonly query: ReportQuery; readonly stage: number };

/**
 * For a plan of leads by channel in October:
 *   drillFilter(plan, {values: {channel: "web"}}, units)
 *   -> {ok: true, value: {kind: "filter", filter: {"and": [<October>, {"==": [{"var": "channel"}, "web"]}]}}}
 */
export function drillFilter(plan: ReportPlan, cell: DrillCell, orgUnits: readonly OrgUnit[], cellPath = '/cell'): Validated<DrillTarget> {
  const problems: Problem[] = [];
  const orgTree = createOrgTree(orgUnits);
  const byKey = new Map(plan.dimensions.map((d) => [d.key, d]));
  const conditions: JsonLogic[] = [];
  for (const [key, value] of Object.entries(cell.values)) {
    const dimension = byKey.get(key);
    if (!dimension) problems.push({ path: `${cellPath}/values/${key}`, code: 'unknownOutput', params: { key } });
    else conditions.push(dimensionCondition(dimension, dimension.valueClass, value, orgTree));
  }
  const funnel = plan.query.funnel;
  const stage = cell.stage === undefined ? -1 : funnel?.stages.indexOf(cell.stage) ?? -1;
  if (funnel && cell.stage === undefined) problems.push({ path: `${cellPath}/stage`, code: 'required' });
  else if (cell.stage !== undefined && stage < 0) problems.push({ path: `${cellPath}/stage`, code: 'notAnOption', params: { value: cell.stage } });
  if (problems.length > 0) return { ok: false, problems };

  const filter = allOf([plan.filter, ...conditions]);
  if (funnel) {
    const { filter: _whole, ...rest } = plan.query;
    return { ok: true, value: { kind: 'funnelStage', stage, query: { ...rest, ...(filter !== undefined ? { filter } : {}) } } };
  }
  return { ok: true, value: { kind: 'filter', filter: filter ?? true } };
}
