import { formatCell } from './chart-format';
import { rowCell } from './chart-model';
import type { HtmlChartProps } from './html-chart-props';

/** The result as it came: one row per group. A row with dimensions opens its records when clicked. */
export function DataTable({ result, locale, labels, dimensionLabel, columnLabel, onCellClick, title }: HtmlChartProps) {
  const drillable = Boolean(onCellClick) && result.columns.some((c) => c.role === 'dimension');
  return (
    <div className="chart-table-wrap">
      <table className="chart-table" aria-label={title}>
        <thead>
          <tr>
            {result.columns.map((c) => (
              <th key={c.key} scope="col" className={c.role === 'measure' ? 'chart-table__num' : undefined}>
                {columnLabel(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row, i) => (
            <tr key={i}>
              {result.columns.map((c, j) => {
                const text = c.role === 'dimension' ? (row[c.key] === null ? labels.others : dimensionLabel(c.key, row[c.key] ?? null)) : formatCell(row[c.key], c.kind, locale, labels.noValue);
                return (
                  <td key={c.key} className={c.role === 'measure' ? 'chart-table__num' : undefined}>
                    {drillable && j === 0 ? (
                      <button type="button" className="chart-link" onClick={() => onCellClick?.(rowCell(result, i))}>
                        {text}
                      </button>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A column's own label in the reader's language, else its key: the heading when the app names none. */
export function columnTitle(column: { readonly key: string; readonly label?: { readonly 'zh-CN'?: string; readonly en?: string } | undefined }, locale: 'zh-CN' | 'en'): string {
  return column.label?.[locale] || column.label?.[locale === 'en' ? 'zh-CN' : 'en'] || column.key;
}
