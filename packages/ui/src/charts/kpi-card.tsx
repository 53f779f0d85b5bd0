import { formatCell, formatDelta } from './chart-format';
import { singleValue } from './chart-model';
import type { HtmlChartProps } from './html-chart-props';

/** One big number and, when the report compares periods, its change against the period before. */
export function KpiCard({ result, locale, labels }: HtmlChartProps) {
  const { measure, value, previous, delta } = singleValue(result);
  const kind = measure?.kind ?? 'number';
  const change = formatDelta(delta, locale);
  return (
    <div className="chart-kpi">
      <span className="chart-kpi__value">{formatCell(value, kind, locale)}</span>
      {change ? (
        <span className={`chart-kpi__delta chart-kpi__delta--${(delta ?? 0) > 0 ? 'up' : (delta ?? 0) < 0 ? 'down' : 'flat'}`}>
          <span aria-hidden="true">{(delta ?? 0) > 0 ? '▲' : (delta ?? 0) < 0 ? '▼' : '■'}</span> {change}
        </span>
      ) : null}
      {previous !== null ? (
        <span className="chart-kpi__previous">
          {labels.previous}: {formatCell(previous, kind, locale)}
        </span>
      ) : null}
    </div>
  );
}
