import type { DashboardDefinition, ReportDefinition } from '../report';
import type { Problem } from '../problem';
import { pointer } from './json-pointer';

/**
 * What the schema cannot say about a report on its own (the form's fields are checked later, by
 * engine-report, against the published form): output names are unique, sorts name an output, a bucket
 * and a roll-up are not combined, every measure but `count` names a field, a funnel has no measures.
 */
export function checkReportSemantics(report: ReportDefinition, base = ''): Problem[] {
  const problems: Problem[] = [];
  const outputs = new Set<string>();
  const claim = (name: string, path: string) => {
    if (outputs.has(name)) problems.push({ path, code: 'duplicate', params: { value: name } });
    outputs.add(name);
  };
  const funnel = report.source.funnel;
  report.dimensions.forEach((d, i) => {
    const path = pointer(pointer(base, 'dimensions'), i);
    claim(d.key ?? d.field, pointer(path, d.key === undefined ? 'field' : 'key'));
    if (d.bucket !== undefined && d.rollup !== undefined) problems.push({ path: pointer(path, 'rollup'), code: 'bucketWithRollup' });
  });
  if (funnel) {
    if (report.dimensions.length > 1) problems.push({ path: pointer(base, 'dimensions'), code: 'maxItems', params: { limit: 1 } });
    if (report.measures.length > 0) problems.push({ path: pointer(base, 'measures'), code: 'funnelMeasures' });
    const stages = new Set<string>();
    funnel.stages.forEach((s, i) => {
      if (stages.has(s)) problems.push({ path: pointer(`${base}/source/funnel/stages`, i), code: 'duplicate', params: { value: s } });
      stages.add(s);
    });
  } else if (report.measures.length === 0) {
    problems.push({ path: pointer(base, 'measures'), code: 'minItems', params: { limit: 1 } });
  }
  report.measures.forEach((m, i) => {
    const path = pointer(pointer(base, 'measures'), i);
    claim(m.key, pointer(path, 'key'));
    if (m.fn !== 'count' && m.field === undefined) problems.push({ path: pointer(path, 'field'), code: 'required' });
  });
  const sortable = funnel ? new Set([...outputs, 'stage', 'reached']) : outputs;
  report.sort?.forEach((s, i) => {
    if (!sortable.has(s.key)) problems.push({ path: pointer(pointer(pointer(base, 'sort'), i), 'key'), code: 'unknownOutput', params: { key: s.key } });
  });
  if (report.others && report.limit === undefined) problems.push({ path: pointer(base, 'others'), code: 'othersWithoutLimit' });
  for (const name of ['x', 'series'] as const) {
    const key = report.chart.options?.[name];
    if (key !== undefined && !report.dimensions.some((d) => (d.key ?? d.field) === key)) {
      problems.push({ path: pointer(`${base}/chart/options`, name), code: 'unknownOutput', params: { key } });
    }
  }
  return problems;
}

/** Item ids are unique; inline reports pass their own checks; charts do not overflow the 12 columns. */
export function checkDashboardSemantics(dashboard: DashboardDefinition): Problem[] {
  const problems: Problem[] = [];
  const ids = new Set<string>();
  dashboard.layout.forEach((item, i) => {
    const path = pointer('/layout', i);
    if (ids.has(item.id)) problems.push({ path: pointer(path, 'id'), code: 'duplicateId', params: { id: item.id } });
    ids.add(item.id);
    if (item.x + item.w > 12) problems.push({ path: pointer(path, 'w'), code: 'maximum', params: { limit: 12 - item.x } });
    if ((item.report === undefined) === (item.reportKey === undefined)) problems.push({ path: pointer(path, 'report'), code: 'reportOrKey' });
    if (item.report) problems.push(...checkReportSemantics(item.report, pointer(path, 'report')));
  });
  return problems;
}
