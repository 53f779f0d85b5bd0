import { describe, expect, test } from 'vitest';
import { excelSerialDate, readDateText } from './date-text';

describe('readDateText', () => {
  test.each([
    ['2025-03-02', '2025-03-02'],
    [' 2025-03-02 ', '2025-03-02'],
    ['2025/3/2', '2025-03-02'],
    ['2025/03/02', '2025-03-02'],
    ['2025.3.2', '2025-03-02'],
    ['2025-3-2', '2025-03-02'],
    ['2025年3月2日', '2025-03-02'],
    ['2025 年 3 月 2 日', '2025-03-02'],
    ['２０２５年３月２日', '2025-03-02'],
    ['２０２５-０３-０２', '2025-03-02'],
    ['2025-03-02 00:00:00', '2025-03-02'],
    ['2025/3/2 14:30', '2025-03-02'],
    ['20250302', '2025-03-02'],
    ['2024/2/29', '2024-02-29'],
  ])('%s -> %s', (text, iso) => {
    expect(readDateText(text)).toBe(iso);
  });

  test.each([
    ['03/02/2025'], // day-first or month-first: ambiguous, never guessed
    ['2/3/25'],
    ['2023/2/29'], // not a leap year
    ['2025-13-01'],
    ['2025-3-32'],
    ['2025-3'],
    ['20251302'],
    ['tomorrow'],
    ['2025-03-02T10:00:00+08:00x'],
  ])('%s is refused', (text) => {
    expect(readDateText(text)).toBeUndefined();
  });
});

describe('excelSerialDate', () => {
  test.each([
    [45718, '2025-03-02'],
    [45718.75, '2025-03-02'], // 18:00 that day: the time is dropped
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'], // after the 1900-02-29 a spreadsheet counts but the calendar never had
    [2958465, '9999-12-31'],
  ])('%s -> %s', (serial, iso) => {
    expect(excelSerialDate(serial)).toBe(iso);
  });

  test.each([[0], [-3], [60], [2958466], [Number.NaN], [Number.POSITIVE_INFINITY]])('%s is refused', (serial) => {
    expect(excelSerialDate(serial)).toBeUndefined();
  });
});
