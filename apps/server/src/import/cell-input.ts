/**
 * Turns one spreadsheet cell into what the form engine expects for its field, before the engine checks
 * and normalises it like any other input. Only the spreadsheet-specific part lives here: date cells,
 * numbers typed into text columns (phones), option labels instead of option values, 是/否.
 *
 *   cellInput(phoneField, 13800138000)                  -> "13800138000"
 *   cellInput(channelField, "门店")                      -> "store"   (label -> value, zh-CN or en)
 *   cellInput(dateField, Date(2025-03-02T00:00:00Z))    -> "2025-03-02"
 *   cellInput(datetimeField, "2025/3/2 9:30")            -> "2025-03-02T09:30:00+08:00"  (the form's zone)
 *   cellInput(interestsField, "母婴、老年")               -> ["baby", "senior"]
 */
import type { Field, SelectOption } from '@tangram/schema';
import { comparableLabel } from './column-mapping';
import type { CellValue } from './sheet-reader';

const YES = new Set(['是', '对', '有', 'y', 'yes', 'true', '1', '✓', '√', 'x']);
const NO = new Set(['否', '无', '不', 'n', 'no', 'false', '0', '✗', '×']);
const LIST_SEPARATORS = /[,，;；、|\n]/;
const LOCAL_DATETIME = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** A prepared converter per field: option lookups are built once per import, not per cell. */
export type CellConverter = (cell: CellValue) => unknown;

export function cellConverter(field: Field, utcOffset: string): CellConverter {
  switch (field.kind) {
    case 'select': {
      const find = optionFinder(field.options);
      return (cell) => (cell === null ? null : find(asText(cell)));
    }
    case 'multiselect': {
      const find = optionFinder(field.options);
      return (cell) => (cell === null ? null : asText(cell).split(LIST_SEPARATORS).map((part) => part.trim()).filter((p) => p !== '').map(find));
    }
    case 'checkbox':
    case 'yesno':
      return (cell) => {
        if (cell === null || typeof cell === 'boolean') return cell;
        const word = asText(cell).trim().toLowerCase();
        return YES.has(word) ? true : NO.has(word) ? false : word;
      };
    case 'date':
      // A date cell holds the wall-clock day as a UTC instant; serials and text are read by the engine.
      return (cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell);
    case 'datetime':
      return (cell) => {
        if (cell instanceof Date) return `${cell.toISOString().slice(0, 19)}${utcOffset}`;
        if (typeof cell !== 'string') return cell;
        // A time written without a zone means the form's zone (people do not type offsets).
        const m = LOCAL_DATETIME.exec(cell.trim());
        if (!m) return cell;
        const pad = (s: string | undefined) => (s ?? '0').padStart(2, '0');
        return `${m[1]}-${pad(m[2])}-${pad(m[3])}T${pad(m[4])}:${m[5]}:${pad(m[6])}${utcOffset}`;
      };
    case 'number':
    case 'percent':
    case 'money':
    case 'rating':
      return (cell) => (typeof cell === 'string' ? numberText(cell, field.kind === 'rating') : cell);
    case 'region':
      return (cell) => {
        if (cell === null) return null;
        const parts = asText(cell).split(/[\s/\-,，]+/).filter((p) => p !== '');
        return Object.fromEntries(parts.slice(0, 3).map((part, i) => [['province', 'city', 'district'][i], part]));
      };
    case 'relation':
    case 'user':
    case 'orgunit':
      if ('multiple' in field && field.multiple) return (cell) => (cell === null ? null : asText(cell).split(LIST_SEPARATORS).map((p) => p.trim()).filter((p) => p !== ''));
      return (cell) => (cell === null ? null : asText(cell));
    default:
      // Text-like kinds (text, phone, email, url): a number typed into the column becomes its digits.
      return (cell) => (cell === null ? null : asText(cell));
  }
}

function asText(cell: Exclude<CellValue, null>): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  // Integers print without exponent or ".0" (a phone stored as a number: 13800138000).
  if (typeof cell === 'number') return Number.isInteger(cell) ? BigInt(cell).toString() : String(cell);
  return String(cell);
}

/** "１，２３４.５" -> "1234.5"; "¥1,200" -> "1200"; a rating "★★★" -> 3. Anything else is left for the engine to refuse. */
function numberText(cell: string, rating: boolean): unknown {
  const text = cell.normalize('NFKC').replace(/[¥￥$,\s]|元|CNY|RMB/gi, '');
  if (rating && /^★+$/.test(text)) return text.length;
  if (rating && /^\d+$/.test(text)) return Number(text);
  return text;
}

function optionFinder(options: readonly SelectOption[]): (text: string) => string {
  const byName = new Map<string, string>();
  for (const o of options) {
    byName.set(comparableLabel(o.value), o.value);
    for (const label of [o.label['zh-CN'], o.label.en]) if (label) byName.set(comparableLabel(label), byName.get(comparableLabel(label)) ?? o.value);
  }
  // Unknown text passes through, so the engine reports it as `notAnOption` with what was typed.
  const find = (text: string) => byName.get(comparableLabel(text)) ?? text.trim();
  // A column of options repeats a few texts: each is compared once (normalising every cell cost an
  // import ~0.7 µs a cell). Kept small, so a column of free text doesn't fill memory.
  const seen = new Map<string, string>();
  return (text) => {
    let option = seen.get(text);
    if (option === undefined) {
      option = find(text);
      if (seen.size < SEEN_OPTION_TEXTS) seen.set(text, option);
    }
    return option;
  };
}

const SEEN_OPTION_TEXTS = 1000;
