import type { DashboardItem } from '@tangram/schema';

/** The dashboard grid is 12 columns wide; rows grow downwards without limit. */
export const GRID_COLUMNS = 12;
export const MIN_W = 2;
export const MIN_H = 2;

type Box = Pick<DashboardItem, 'x' | 'y' | 'w' | 'h'>;

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Keeps a box inside the 12 columns and at least the minimum size. */
export function clampBox<T extends Box>(item: T): T {
  const w = Math.max(MIN_W, Math.min(GRID_COLUMNS, Math.round(item.w)));
  const h = Math.max(MIN_H, Math.round(item.h));
  const x = Math.max(0, Math.min(GRID_COLUMNS - w, Math.round(item.x)));
  return { ...item, x, y: Math.max(0, Math.round(item.y)), w, h };
}

/**
 * Settles the grid after a change: the item that moved keeps its place, every other item falls as high as
 * it can without overlapping anything placed before it (top to bottom, left to right).
 * compact([{id:'a',x:0,y:5,w:6,h:2}]) -> [{id:'a',x:0,y:0,w:6,h:2}]
 */
export function compact<T extends DashboardItem>(items: readonly T[], pinned?: string): readonly T[] {
  const fixed = items.find((i) => i.id === pinned);
  const placed: T[] = fixed ? [clampBox(fixed)] : [];
  const rest = items.filter((i) => i.id !== pinned).map(clampBox).sort((a, b) => a.y - b.y || a.x - b.x);
  for (const item of rest) {
    let y = 0;
    while (placed.some((p) => overlaps(p, { ...item, y }))) y++;
    placed.push({ ...item, y });
  }
  const order = new Map(items.map((item, i) => [item.id, i]));
  return placed.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** Moves an item by whole cells (a drag's distance divided by the cell size, or an arrow key). */
export function moveItem<T extends DashboardItem>(items: readonly T[], id: string, dx: number, dy: number): readonly T[] {
  return compact(items.map((i) => (i.id === id ? clampBox({ ...i, x: i.x + dx, y: i.y + dy }) : i)), id);
}

/** Resizes an item by whole cells from its bottom-right corner. */
export function resizeItem<T extends DashboardItem>(items: readonly T[], id: string, dw: number, dh: number): readonly T[] {
  return compact(items.map((i) => (i.id === id ? clampBox({ ...i, w: i.w + dw, h: i.h + dh }) : i)), id);
}

/** Where a new chart goes: full rows under everything, half the width. */
export function nextSlot(items: readonly Box[], w = 6, h = 4): Box {
  const bottom = items.reduce((max, i) => Math.max(max, i.y + i.h), 0);
  const lastRow = items.filter((i) => i.y + i.h === bottom);
  const right = lastRow.reduce((max, i) => Math.max(max, i.x + i.w), 0);
  // Beside the last chart when it leaves room on its row, else under everything.
  if (lastRow.length > 0 && right + w <= GRID_COLUMNS) return { x: right, y: Math.min(...lastRow.map((i) => i.y)), w, h };
  return { x: 0, y: bottom, w, h };
}

/** Reading order (top to bottom, left to right): the order of charts on a phone, where they stack. */
export function readingOrder<T extends Box>(items: readonly T[]): readonly T[] {
  return [...items].sort((a, b) => a.y - b.y || a.x - b.x);
}
