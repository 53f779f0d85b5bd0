import { formatCell } from './chart-format';
import { rankSlices, sliceModel } from './chart-model';
import type { HtmlChartProps } from './html-chart-props';
import { PALETTE } from './chart-option';

/** Up to two letters for an avatar: "王小明" -> "小明", "Ada Lovelace" -> "AL". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (/[\u4e00-\u9fff]/.test(name)) return [...name.replace(/\s+/g, '')].slice(-2).join('');
  return words.slice(0, 2).map((w) => [...w][0]!.toUpperCase()).join('');
}

/** Ranked entries (salespeople, stores) with an avatar, a bar proportional to the leader and the number. */
export function Leaderboard({ result, options, locale, labels, dimensionLabel, onCellClick, title }: HtmlChartProps) {
  const model = sliceModel(result, options);
  const ranked = rankSlices(model);
  const top = Math.max(1, ...ranked.map((r) => r.amount));
  return (
    <ol className="chart-leaderboard" aria-label={title}>
      {ranked.map((entry) => {
        const name = entry.value === null ? labels.others : model.dimension ? dimensionLabel(model.dimension.key, entry.value) : '';
        const body = (
          <>
            <span className="chart-leaderboard__rank" aria-label={`${labels.rank} ${entry.rank}`}>
              {entry.rank}
            </span>
            <span className="chart-leaderboard__avatar" aria-hidden="true" style={{ background: PALETTE[entry.index % PALETTE.length] }}>
              {initials(name)}
            </span>
            <span className="chart-leaderboard__name">{name}</span>
            <span className="chart-leaderboard__bar" aria-hidden="true">
              <span style={{ width: `${Math.round((entry.amount / top) * 100)}%` }} />
            </span>
            <span className="chart-leaderboard__value">{formatCell(entry.amount, model.measure?.kind ?? 'number', locale)}</span>
          </>
        );
        return (
          <li key={entry.index}>
            {onCellClick ? (
              <button type="button" className="chart-leaderboard__row" onClick={() => onCellClick(model.cell(entry.index))}>
                {body}
              </button>
            ) : (
              <span className="chart-leaderboard__row">{body}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
