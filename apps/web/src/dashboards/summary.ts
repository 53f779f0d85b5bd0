import type { ChartKind, Locale, ReportCell, ReportResult } from '@tangram/schema';
import { chartColumns, formatCell, formatDelta } from '@tangram/ui';

/** One chart's part of the summary: its title and the result it currently shows. */
export interface SummaryChart {
  readonly title: string;
  readonly kind: ChartKind;
  readonly result: Pick<ReportResult, 'columns' | 'rows'> | undefined;
  readonly dimensionLabel: (column: string, value: ReportCell) => string;
}

export interface SummaryWords {
  readonly total: string;
  readonly top: string;
  readonly overall: string;
  readonly open: string;
  readonly separator: string;
}

/** The key number of one chart, as a line: a KPI's value and change, a funnel's ends, else the total and the leader. */
export function keyNumber(chart: SummaryChart, locale: Locale, words: SummaryWords): string | null {
  const result = chart.result;
  if (!result || result.rows.length === 0) return null;
  const { dimensions, measures } = chartColumns(result);
  if (chart.kind === 'funnel') {
    const first = result.rows[0];
    const last = result.rows[result.rows.length - 1];
    if (!first || !last) return null;
    const rate = typeof last.overall === 'number' ? `, ${words.overall} ${formatCell(last.overall, 'ratio', locale)}` : '';
    return `${chart.title}${words.separator}${formatCell(first.reached, 'number', locale)} → ${formatCell(last.reached, 'number', locale)}${rate}`;
  }
  const measure = measures[0];
  if (!measure) return null;
  const row = result.rows[0]!;
  if (dimensions.length === 0) {
    const delta = formatDelta(typeof row[`${measure.key}_delta`] === 'number' ? (row[`${measure.key}_delta`] as number) : null, locale);
    return `${chart.title}${words.separator}${formatCell(row[measure.key], measure.kind, locale)}${delta ? ` (${delta})` : ''}`;
  }
  const additive = measure.kind === 'number' || measure.kind === 'decimal';
  const total = result.rows.reduce((sum, r) => sum + (Number(r[measure.key]) || 0), 0);
  const leader = [...result.rows].sort((a, b) => (Number(b[measure.key]) || 0) - (Number(a[measure.key]) || 0))[0]!;
  const dimension = dimensions[0]!;
  const lead = `${words.top} ${chart.dimensionLabel(dimension.key, leader[dimension.key] ?? null)} ${formatCell(leader[measure.key], measure.kind, locale)}`;
  return `${chart.title}${words.separator}${additive ? `${words.total} ${formatCell(total, measure.kind, locale)}, ` : ''}${lead}`;
}

/**
 * The dashboard as a short message for a chat group: title and day, one line per chart, a link.
 * summaryText('晨会', '2026-11-23', charts, 'https://t.example/apps/crm/dashboards/morning', 'zh-CN', words)
 *   -> "晨会 · 2026-11-23\n· 新线索：12 (+20%)\n…\n查看：https://…"
 */
export function summaryText(title: string, day: string, charts: readonly SummaryChart[], link: string, locale: Locale, words: SummaryWords): string {
  const lines = charts.map((c) => keyNumber(c, locale, words)).filter((l): l is string => l !== null);
  return [`${title} · ${day}`, ...lines.map((l) => `· ${l}`), `${words.open}${words.separator}${link}`].join('\n');
}
