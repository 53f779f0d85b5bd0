import { describe, expect, it } from 'vitest';
import { clickSort, formatSort, moveSortKey, parseSort } from './sort-keys';

describe('list sort keys', () => {
  it('reads and writes the sort parameter', () => {
    const keys = parseSort('-budget,name');
    expect(keys).toEqual([{ field: 'budget', descending: true }, { field: 'name', descending: false }]);
    expect(formatSort(keys)).toBe('-budget,name');
    expect(formatSort([])).toBeUndefined();
    expect(parseSort('')).toEqual([]);
  });

  it('a plain click sorts by one column: ascending, descending, off', () => {
    const once = clickSort([], 'name', false);
    expect(formatSort(once)).toBe('name');
    const twice = clickSort(once, 'name', false);
    expect(formatSort(twice)).toBe('-name');
    expect(clickSort(twice, 'name', false)).toEqual([]);
    expect(formatSort(clickSort(parseSort('-budget,name'), 'stage', false))).toBe('stage');
  });

  it('a shift-click adds a secondary key, flips it, then removes it', () => {
    const two = clickSort(parseSort('-budget'), 'name', true);
    expect(formatSort(two)).toBe('-budget,name');
    expect(formatSort(clickSort(two, 'name', true))).toBe('-budget,-name');
    expect(formatSort(clickSort(parseSort('-budget,-name'), 'name', true))).toBe('-budget');
  });

  it('moves a key up or down and stays put at the ends', () => {
    const keys = parseSort('a,-b,c');
    expect(formatSort(moveSortKey(keys, 1, -1))).toBe('-b,a,c');
    expect(formatSort(moveSortKey(keys, 2, 1))).toBe('a,-b,c');
  });
});
