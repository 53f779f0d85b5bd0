import type { AutonumberPart, AutonumberDatePart } from '@tangram/schema';
import type { CalendarDay } from './calendar';

const dateParts: Record<AutonumberDatePart, (d: CalendarDay) => string> = {
  YYYYMMDD: (d) => d.year + d.month + d.day,
  YYYYMM: (d) => d.year + d.month,
  YYYY: (d) => d.year,
  YY: (d) => d.year.slice(-2),
  MM: (d) => d.month,
  DD: (d) => d.day,
};

/** `KH-{YYYYMMDD}-{seq:4}` with day 2025-03-02 and sequence 7 -> "KH-20250302-0007". */
export function formatAutonumber(parts: readonly AutonumberPart[], day: CalendarDay, seq: number): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'date') out += dateParts[part.part](day);
    else out += String(seq).padStart(part.width, '0');
  }
  return out;
}
