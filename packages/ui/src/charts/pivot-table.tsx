import { formatCell } from './chart-format';
import { pivotModel } from './chart-model';
import type { HtmlChartProps } from './html-chart-props';

/** A cross-tab with row, column and grand totals; every cell and total opens the records behind it. */
export function PivotTable({ result, options, locale, labels, dimensionLabel, columnLabel, onCellClick, title }: HtmlChartProps) {
  const model = pivotModel(result, options);
  const kind = model.measure?.kind ?? 'number';
  const name = (key: string | undefined, value: (typeof model.rowValues)[number]) => (value === null ? labels.others : key ? dimensionLabel(key, value) : '');
  const cell = (value: number | null, rowIndex: number | null, columnIndex: number | null, total = false) => {
    const text = formatCell(value, kind, locale, labels.noValue);
    const className = `chart-table__num${total ? ' chart-table__total' : ''}`;
    return (
      <td key={`${rowIndex}-${columnIndex}`} className={className}>
        {onCellClick && value !== null ? (
          <button type="button" className="chart-link" onClick={() => onCellClick(model.cell(rowIndex, columnIndex))}>
            {text}
          </button>
        ) : (
          text
        )}
      </td>
    );
  };
  return (
    <div className="chart-table-wrap">
      <table className="chart-table chart-table--pivot" aria-label={title}>
        <thead>
          <tr>
            <th scope="col">{model.rowDimension ? columnLabel(model.rowDimension) : ''}</th>
            {model.columnDimension
              ? model.columnValues.map((v, c) => (
                  <th key={c} scope="col" className="chart-table__num">
                    {name(model.columnDimension?.key, v)}
                  </th>
                ))
              : (
                  <th scope="col" className="chart-table__num">
                    {model.measure ? columnLabel(model.measure) : ''}
                  </th>
                )}
            {model.columnDimension ? (
              <th scope="col" className="chart-table__num chart-table__total">
                {labels.total}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {model.rowValues.map((v, r) => (
            <tr key={r}>
              <th scope="row">{name(model.rowDimension?.key, v)}</th>
              {model.cells[r]?.map((value, c) => cell(value, r, model.columnDimension ? c : null))}
              {model.columnDimension ? cell(model.rowTotals[r] ?? 0, r, null, true) : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="chart-table__total">
              {labels.total}
            </th>
            {model.columnDimension ? model.columnTotals.map((value, c) => cell(value, null, c, true)) : null}
            {cell(model.grandTotal, null, null, true)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
