import type { DashboardItem, ReportDefinition } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { affectedItems } from './live-refresh';

const report = (form: string): ReportDefinition => ({ schemaVersion: 1, key: form, source: { form }, dimensions: [], measures: [{ key: 'n', fn: 'count' }], chart: { kind: 'kpi' } });
const item = (id: string, form?: string): DashboardItem => ({ id, x: 0, y: 0, w: 6, h: 4, ...(form ? { report: report(form) } : { reportKey: 'saved' }) });

describe('live refresh', () => {
  it('reruns only the charts that read a changed form', () => {
    expect(affectedItems([item('a', 'lead'), item('b', 'order'), item('c', 'lead'), item('d')], new Set(['lead']))).toEqual(['a', 'c']);
    expect(affectedItems([item('a', 'lead')], new Set())).toEqual([]);
  });
});
