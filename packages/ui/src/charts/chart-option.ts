import type { ChartKind, ChartOptions, DrillCell, Locale, ReportCell, ReportResult } from '@tangram/schema';
import { formatCell, formatCompact, formatDuration } from './chart-format';
import { axisModel, funnelModel, singleValue, sliceModel } from './chart-model';
import type { ChartLabels, DimensionLabel } from './chart-types';

/** The kinds drawn by echarts; the others (KPI, table, pivot, leaderboard) are plain HTML. */
export const ECHART_KINDS = ['bar', 'column', 'line', 'area', 'pie', 'donut', 'funnel', 'gauge'] as const;
export type EchartKind = (typeof ECHART_KINDS)[number];

export function isEchartKind(kind: ChartKind): kind is EchartKind {
  return (ECHART_KINDS as readonly string[]).includes(kind);
}

/** A plain echarts option object: kept loose here because each kind fills a different part of it. */
export type EchartOption = Readonly<Record<string, unknown>>;

export interface BuiltOption {
  readonly option: EchartOption;
  /** The drill cell behind a clicked element (echarts' seriesIndex and dataIndex). */
  readonly cell: (seriesIndex: number, dataIndex: number) => DrillCell | null;
  /** A drawn value as the reader writes it (the chart's text alternative uses it). */
  readonly format: (value: number) => string;
}

export interface OptionContext {
  readonly options: ChartOptions | undefined;
  readonly locale: Locale;
  readonly labels: ChartLabels;
  readonly dimensionLabel: DimensionLabel;
}

type Result = Pick<ReportResult, 'columns' | 'rows'>;
type Builder = (result: Result, ctx: OptionContext) => BuiltOption;

export const PALETTE = ['#3a5bd9', '#22a06b', '#f2a33a', '#e0524a', '#8a5cd1', '#1aa3b8', '#d95fa1', '#7c8598'];

const label = (ctx: OptionContext, column: string | undefined, value: ReportCell): string =>
  value === null ? ctx.labels.others : column ? ctx.dimensionLabel(column, value) : String(value);

function axisChart(orientation: 'horizontal' | 'vertical', style: 'bar' | 'line' | 'area'): Builder {
  return (result, ctx) => {
    const model = axisModel(result, ctx.options);
    const format = (v: unknown) => (typeof v === 'number' ? formatCell(v, model.measure?.kind ?? 'number', ctx.locale) : String(v ?? ''));
    const categoryAxis = { type: 'category', data: model.categories.map((c) => label(ctx, model.x?.key, c)), axisLabel: { hideOverlap: true } };
    // Counts have no halves: whole-number ticks unless some value has a fraction.
    const whole = model.values.every((series) => series.every((v) => v === null || Number.isInteger(v)));
    const valueAxis = { type: 'value', ...(whole ? { minInterval: 1 } : {}), axisLabel: { formatter: (v: number) => (model.measure?.kind === 'ratio' ? format(v) : formatCompact(v, ctx.locale)) } };
    const stacked = ctx.options?.stacked === true;
    return {
      option: {
        color: PALETTE,
        tooltip: { trigger: 'axis', valueFormatter: format },
        legend: model.series ? { type: 'scroll', bottom: 0 } : { show: false },
        grid: { left: 8, right: 16, top: 16, bottom: model.series ? 36 : 8, containLabel: true },
        xAxis: orientation === 'vertical' ? categoryAxis : valueAxis,
        yAxis: orientation === 'vertical' ? valueAxis : { ...categoryAxis, inverse: true },
        series: model.seriesValues.map((s, i) => ({
          type: style === 'bar' ? 'bar' : 'line',
          name: model.series ? label(ctx, model.series.key, s) : model.measure ? model.measure.key : '',
          data: model.values[i],
          ...(stacked ? { stack: 'total' } : {}),
          ...(style === 'area' ? { areaStyle: { opacity: 0.25 } } : {}),
          ...(style !== 'bar' ? { smooth: true, symbolSize: 6 } : { barMaxWidth: 48 }),
          label: { show: ctx.options?.labels === true, position: stacked ? 'inside' : orientation === 'vertical' ? 'top' : 'right', formatter: (p: { value: unknown }) => format(p.value) },
          emphasis: { focus: 'series' },
        })),
      },
      cell: (seriesIndex, dataIndex) => model.cell(seriesIndex, dataIndex),
      format,
    };
  };
}

function pieChart(donut: boolean): Builder {
  return (result, ctx) => {
    const model = sliceModel(result, ctx.options);
    const format = (v: unknown) => (typeof v === 'number' ? formatCell(v, model.measure?.kind ?? 'number', ctx.locale) : String(v ?? ''));
    return {
      option: {
        color: PALETTE,
        tooltip: { trigger: 'item', valueFormatter: format },
        legend: { type: 'scroll', bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: donut ? ['45%', '70%'] : '70%',
            center: ['50%', '45%'],
            data: model.slices.map((s) => ({ name: label(ctx, model.dimension?.key, s.value), value: s.amount })),
            label: { show: true, formatter: ctx.options?.labels === true ? (p: { name: string; value: number }) => `${p.name}: ${format(p.value)}` : '{b}: {d}%' },
            emphasis: { scale: true },
          },
        ],
      },
      cell: (_s, dataIndex) => model.cell(dataIndex),
      format,
    };
  };
}

const funnelChart: Builder = (result, ctx) => {
  const model = funnelModel(result);
  const pct = (v: number | null) => (v === null ? '' : formatCell(v, 'ratio', ctx.locale));
  return {
    option: {
      color: PALETTE,
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number; name: string }) => {
          const stage = model.stages[p.dataIndex];
          if (!stage) return p.name;
          const lines = [`<b>${p.name}</b>: ${formatCell(stage.reached, 'number', ctx.locale)}`];
          if (stage.conversion !== null && p.dataIndex > 0) lines.push(`${ctx.labels.conversion}: ${pct(stage.conversion)}`);
          if (stage.overall !== null) lines.push(`${ctx.labels.overall}: ${pct(stage.overall)}`);
          if (stage.medianSeconds !== null) lines.push(`${ctx.labels.median}: ${formatDuration(stage.medianSeconds, ctx.locale)}`);
          return lines.join('<br/>');
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '8%',
          width: '84%',
          top: 8,
          bottom: 8,
          minSize: '12%',
          gap: 2,
          data: model.stages.map((s) => ({ name: label(ctx, 'stage', s.stage), value: s.reached })),
          label: {
            show: true,
            position: 'inside',
            formatter: (p: { dataIndex: number; name: string; value: number }) => {
              const stage = model.stages[p.dataIndex];
              const rate = stage && p.dataIndex > 0 && stage.conversion !== null ? ` · ${pct(stage.conversion)}` : '';
              return `${p.name} ${formatCell(p.value, 'number', ctx.locale)}${rate}`;
            },
          },
        },
      ],
    },
    cell: (_s, dataIndex) => model.cell(dataIndex),
    format: (v) => formatCell(v, 'number', ctx.locale),
  };
};

const gaugeChart: Builder = (result, ctx) => {
  const { measure, value } = singleValue(result);
  const kind = measure?.kind ?? 'number';
  const goal = ctx.options?.goal ?? (kind === 'ratio' ? 1 : Math.max(1, Math.ceil(((value ?? 0) * 1.25) / 10) * 10));
  return {
    option: {
      series: [
        {
          type: 'gauge',
          min: 0,
          max: goal,
          progress: { show: true, width: 14 },
          axisLine: { lineStyle: { width: 14 } },
          axisLabel: { formatter: (v: number) => (kind === 'ratio' ? formatCell(v, 'ratio', ctx.locale) : formatCompact(v, ctx.locale)), distance: 20 },
          pointer: { width: 4 },
          detail: { valueAnimation: true, fontSize: 22, offsetCenter: [0, '70%'], formatter: (v: number) => formatCell(v, kind, ctx.locale) },
          title: { offsetCenter: [0, '95%'], fontSize: 12 },
          data: [{ value: value ?? 0, name: `${ctx.labels.goal} ${formatCell(goal, kind, ctx.locale)}` }],
          itemStyle: { color: PALETTE[0] },
        },
      ],
    },
    cell: () => null,
    format: (v) => formatCell(v, kind, ctx.locale),
  };
};

const BUILDERS = {
  bar: axisChart('horizontal', 'bar'),
  column: axisChart('vertical', 'bar'),
  line: axisChart('vertical', 'line'),
  area: axisChart('vertical', 'area'),
  pie: pieChart(false),
  donut: pieChart(true),
  funnel: funnelChart,
  gauge: gaugeChart,
} satisfies Record<EchartKind, Builder>;

/**
 * The echarts option for a result, and how a click on it maps back to a drill cell.
 * buildOption('pie', {columns: [channel, count], rows: [{channel: 'web', count: 3}]}, ctx).cell(0, 0)
 *   -> { values: { channel: 'web' } }
 */
export function buildOption(kind: EchartKind, result: Result, ctx: OptionContext): BuiltOption {
  return BUILDERS[kind](result, ctx);
}
