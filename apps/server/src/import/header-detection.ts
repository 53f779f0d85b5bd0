/**
 * Finds the header of a sheet people made by hand: a title row above it ("2025 年 3 月客户名单" merged
 * across the sheet), blank rows, and two-level headers whose group cell is merged over its columns
 * ("联系方式" over "手机" and "邮箱"). A merged cell's value sits in its first cell only; the others
 * read as blank, which is what the rules below expect.
 *
 *   rows: ["客户名单"], [], ["姓名", "联系方式", null, "备注"], [null, "手机", "邮箱", null], ["Ann", …]
 *   -> { headerRows: [3, 4], columns: [{index 0, label "姓名"}, {1, "手机", group "联系方式"}, {2, "邮箱", group "联系方式"}, {3, "备注"}] }
 */
import type { CellValue, SheetRow } from './sheet-reader';

export interface SheetColumn {
  readonly index: number;
  /** The column's own label (the lower header row when there are two). */
  readonly label: string;
  /** The merged group label above it, if any. */
  readonly group?: string;
}

export interface DetectedHeader {
  /** Row numbers of the header (one or two rows); data starts after the last. */
  readonly headerRows: readonly number[];
  readonly columns: readonly SheetColumn[];
}

/** How many of the first rows are looked at. */
export const HEADER_SCAN_ROWS = 10;

const text = (cell: CellValue | undefined): string => (cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).trim());
const filled = (cells: readonly CellValue[]): number => cells.reduce<number>((n, c) => (text(c) === '' ? n : n + 1), 0);
const allText = (cells: readonly CellValue[]): boolean => cells.every((c) => c === null || typeof c === 'string');

/** null when no row looks like a header (an empty sheet, or no row with two labels). */
export function detectHeader(rows: readonly SheetRow[]): DetectedHeader | null {
  const scanned = rows.slice(0, HEADER_SCAN_ROWS).filter((r) => filled(r.cells) > 0);
  const widest = Math.max(0, ...scanned.map((r) => filled(r.cells)));
  if (widest < 1) return null;
  // The header is the first row of text that is about as wide as the table; a title row is much narrower.
  const at = scanned.findIndex((r) => allText(r.cells) && filled(r.cells) >= Math.max(1, Math.ceil(widest / 2)));
  if (at < 0) return null;
  const top = scanned[at]!;
  const below = scanned[at + 1];
  // A second header row: text only, directly below, filling columns the first left blank under a group.
  const twoLevel = below !== undefined && below.row === top.row + 1 && allText(below.cells) && filled(below.cells) > 0
    && below.cells.some((c, i) => text(c) !== '' && text(top.cells[i]) === '' && groupAt(top.cells, i) !== '');
  const width = Math.max(top.cells.length, twoLevel ? below!.cells.length : 0);
  const columns: SheetColumn[] = [];
  for (let i = 0; i < width; i++) {
    const own = text(top.cells[i]);
    const sub = twoLevel ? text(below!.cells[i]) : '';
    if (sub !== '') {
      const group = own !== '' ? own : groupAt(top.cells, i);
      columns.push(group !== '' && group !== sub ? { index: i, label: sub, group } : { index: i, label: sub });
    } else if (own !== '') {
      columns.push({ index: i, label: own });
    }
  }
  return { headerRows: twoLevel ? [top.row, below!.row] : [top.row], columns };
}

/** The nearest label to the left in the top row: the value of a merged group cell covering column i. */
function groupAt(cells: readonly CellValue[], i: number): string {
  for (let j = i; j >= 0; j--) if (text(cells[j]) !== '') return text(cells[j]);
  return '';
}
