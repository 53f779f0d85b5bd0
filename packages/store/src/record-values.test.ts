import { describe, expect, it } from 'vitest';
import { isValidTimeValue } from './record-values';

/** What a Date says of a calendar day: it rolls 2023-02-29 over to March. */
function dateSays(iso: string): boolean {
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso;
}

describe('isValidTimeValue', () => {
  it('takes a day as real exactly when the calendar has it, leap years included', () => {
    for (const year of [1900, 1996, 2000, 2023, 2024, 2100]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect([iso, isValidTimeValue(iso)]).toEqual([iso, dateSays(iso)]);
        }
      }
    }
  });

  it('takes datetimes with an offset or Z and refuses other text', () => {
    expect(isValidTimeValue('2024-02-29T23:59:59.999+08:00')).toBe(true);
    expect(isValidTimeValue('2024-05-01 08:30Z')).toBe(true);
    expect(isValidTimeValue('2023-02-29T08:00:00Z')).toBe(false);
    expect(isValidTimeValue('2024-05-01T24:00:00Z')).toBe(false);
    expect(isValidTimeValue('2024-05-01T08:00:00')).toBe(false);
    expect(isValidTimeValue('2024-5-1')).toBe(false);
    expect(isValidTimeValue('next tuesday')).toBe(false);
  });
});
