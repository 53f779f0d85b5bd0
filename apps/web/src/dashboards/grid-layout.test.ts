import type { DashboardItem } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { clampBox, compact, moveItem, nextSlot, readingOrder, resizeItem } from './grid-layout';

const item = (id: string, x: number, y: number, w: number, h: number): DashboardItem => ({ id, x, y, w, h });
const boxes = (items: readonly DashboardItem[]) => items.map(({ id, x, y, w, h }) => [id, x, y, w, h]);

describe('grid layout', () => {
  const two = [item('a', 0, 0, 6, 4), item('b', 6, 0, 6, 4)];

  it('floats charts up to fill gaps', () => {
    expect(boxes(compact([item('a', 0, 5, 6, 2)]))).toEqual([['a', 0, 0, 6, 2]]);
  });

  it('moving a chart onto another pushes the other one below it', () => {
    expect(boxes(moveItem(two, 'b', -6, 0))).toEqual([
      ['a', 0, 4, 6, 4],
      ['b', 0, 0, 6, 4],
    ]);
  });

  it('keeps a moved chart inside the 12 columns', () => {
    expect(boxes(moveItem(two, 'b', 5, 0))).toEqual(boxes(two));
  });

  it('growing a chart pushes the overlapped one down; shrinking stops at the minimum size', () => {
    expect(boxes(resizeItem(two, 'a', 2, 0))).toEqual([
      ['a', 0, 0, 8, 4],
      ['b', 6, 4, 6, 4],
    ]);
    expect(boxes(resizeItem(two, 'a', -10, -10))).toEqual([
      ['a', 0, 0, 2, 2],
      ['b', 6, 0, 6, 4],
    ]);
  });

  it('clamps widths to the grid', () => {
    expect(clampBox(item('a', 3, -1, 20, 1))).toEqual(item('a', 0, 0, 12, 2));
  });

  it('puts a new chart beside the last one when the row has room, else underneath', () => {
    expect(nextSlot([item('a', 0, 0, 6, 4)])).toEqual({ x: 6, y: 0, w: 6, h: 4 });
    expect(nextSlot(two)).toEqual({ x: 0, y: 4, w: 6, h: 4 });
    expect(nextSlot([])).toEqual({ x: 0, y: 0, w: 6, h: 4 });
  });

  it('stacks charts for a phone in reading order', () => {
    expect(readingOrder([item('c', 0, 4, 12, 2), item('b', 6, 0, 6, 4), item('a', 0, 0, 6, 4)]).map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });
});
