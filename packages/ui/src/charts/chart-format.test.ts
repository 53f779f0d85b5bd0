import { describe, expect, it } from 'vitest';
import { cellNumber, formatCell, formatCompact, formatDate, formatDelta, formatDuration } from './chart-format';

describe('chart formatting follows the reader\'s language', () => {
  it.each([
    [0.256, 'ratio', 'en', '25.6%'],
    [0.256, 'ratio', 'zh-CN', '25.6%'],
    ['1234.5', 'decimal', 'en', '1,234.5'],
    [12000, 'number', 'zh-CN', '12,000'],
    [null, 'number', 'en', '—'],
    ['web', 'text', 'en', 'web'],
  ] as const)('formatCell(%j, %s, %s) -> %s', (value, kind, locale, expected) => {
    expect(formatCell(value, kind, locale)).toBe(expected);
  });

  it('writes durations in the largest unit above one', () => {
    expect(formatDuration(129_600, 'en')).toBe('1.5 days');
    expect(formatDuration(129_600, 'zh-CN')).toBe('1.5天');
    expect(formatDuration(5_400, 'en')).toBe('1.5 hours');
    expect(formatDuration(90, 'en')).toBe('1.5 minutes');
  });

  it('writes a date bucket as a calendar day, whatever the time zone', () => {
    expect(formatDate('2024-04-01', 'zh-CN')).toBe('2024年4月1日');
    expect(formatDate('2024-04-01', 'en')).toBe('Apr 1, 2024');
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });

  it('signs a change and says nothing without one', () => {
    expect(formatDelta(0.25, 'en')).toBe('+25%');
    expect(formatDelta(-0.031, 'zh-CN')).toBe('-3.1%');
    expect(formatDelta(null, 'en')).toBeNull();
  });

  it('shortens axis numbers the way each language counts', () => {
    expect(formatCompact(12_000, 'en')).toBe('12K');
    expect(formatCompact(12_000, 'zh-CN')).toBe('1.2万');
  });

  it('reads cells as numbers only when they are numbers', () => {
    expect(cellNumber('12.50')).toBe(12.5);
    expect(cellNumber('abc')).toBeNull();
    expect(cellNumber(null)).toBeNull();
  });
});
