/**
 * Dates in an .xlsx: a date is a number whose cell style shows it as one, counted in days from 1900 (or
 * 1904). These rules are exceljs's, so the reader gives the same Date for the same cell.
 */
import { scanSmallPart } from './xml-scanner';

/** The built-in number formats that show a date or a time (ECMA-376 18.8.30, with the East Asian ones). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function readDateStyles(xml: string): boolean[] {
  const customFormats = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  scanSmallPart(xml, (name, attributes, closing) => {
    if (name === 'cellXfs') inCellXfs = !closing;
    else if (closing) return;
    else if (name === 'numFmt') customFormats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
    // Only the cell formats: `<cellStyleXfs>` holds xf elements too.
    else if (name === 'xf' && inCellXfs) styleFormats.push(Number(attributes.numFmtId ?? 0));
  });
  return styleFormats.map((id) => {
    const custom = customFormats.get(id);
    return custom === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormat(custom);
  });
}

/**
 * exceljs's rule, made a little stricter and case-blind: a format is a date when, outside quoted text and
 * `[…]` (colours, locales, conditions), it has one of y m d h s b — or when it is an elapsed time such as
 * `[h]:mm`. Escaped characters (`\h`) and the characters after `_` and `*` (spacing, fill) are literals.
 *
 *   isDateFormat('yyyy"年"m"月"d"日"') → true     isDateFormat('[Red]#,##0.00"元"') → false
 */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\.|[_*]./g, '');
  if (/\[(?:h+|m+|s+)\]/i.test(bare)) return true;
  return /[ymdhsb]/i.test(bare.replace(/\[[^\]]*\]/g, ''));
}

const MS_PER_DAY_PARTS = [24, 3600, 1000] as const;

/** exceljs's conversion, step for step, so the milliseconds round the same way. */
export function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

