import { describe, expect, test } from 'vitest';
import { previousPeriod } from './calendar';

describe('previousPeriod', () => {
  test.each([
    ['a month: the month before', '2026-10-01', '2026-10-31', '2026-09-01', '2026-09-30'],
    ['March: February, whatever its length', '2026-03-01', '2026-03-31', '2026-02-01', '2026-02-28'],
    ['a quarter: the quarter before', '2026-04-01', '2026-06-30', '2026-01-01', '2026-03-31'],
    ['two years of months, across a leap day', '2024-11-01', '2026-10-31', '2022-11-01', '2024-10-31'],
    ['a week: the seven days before', '2026-10-08', '2026-10-14', '2026-10-01', '2026-10-07'],
    ['from the 1st to mid-month: as many days', '2026-10-01', '2026-10-15', '2026-09-16', '2026-09-30'],
  ])('%s', (_, from, to, previousFrom, previousTo) => {
    expect(previousPeriod(from, to)).toEqual({ from: previousFrom, to: previousTo });
  });
});
