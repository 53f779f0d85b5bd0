/**
 * How many rows hold a value, without parsing the sheet: the progress bar needs a total before the job
 * starts, and a second full parse would double the cost of an import. An .xlsx sheet is inflated as a
 * stream and its `<row>` elements scanned for a value; a .csv is scanned for non-blank lines. Quoted line breaks
 * inside a CSV cell make the count a little high; the job's final figures are exact.
 *
 *   await countFilledRows(bytes, 'xlsx')   // 100,003 for a title, a header and 100,001 data rows
 */
import { StringDecoder } from 'node:string_decoder';
import JSZip from 'jszip';
import type { SheetFormat } from './sheet-reader';

/** `<v>5</v>`, or `<t>text</t>` inside an inline string (`<t></t>` and `<t> </t>` are blank). */
const FILLED = /<v>[^<]|<t(?:\s[^>]*)?>\s*[^<\s]/;

export async function countFilledRows(bytes: Uint8Array, format: SheetFormat): Promise<number> {
  return format === 'xlsx' ? countXlsxRows(bytes) : countCsvRows(bytes);
}

async function countXlsxRows(bytes: Uint8Array): Promise<number> {
  const zip = await JSZip.loadAsync(bytes);
  const sheet = zip.file(await firstSheetPath(zip));
  if (!sheet) return 0;
  // Inflated and scanned chunk by chunk: the sheet's XML is several times the file's size.
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let count = 0;
  const scan = (text: string, final: boolean) => {
    carry += text;
    let at = carry.indexOf('<row');
    while (at >= 0) {
      const next = carry.indexOf('<row', at + 4);
      // The last row may continue in the next chunk: keep it for then.
      if (next < 0 && !final) break;
      if (FILLED.test(next < 0 ? carry.slice(at) : carry.slice(at, next))) count++;
      at = next;
    }
    // Without a row start, keep the last characters: `<ro` may end this chunk and `w` start the next.
    carry = at >= 0 ? carry.slice(at) : carry.slice(-3);
  };
  // JSZip's stream is an old-style one (events, no async iterator).
  await new Promise<void>((resolve, reject) => {
    sheet.nodeStream('nodebuffer')
      .on('data', (chunk: Buffer) => scan(decoder.write(chunk), false))
      .on('error', reject)
      .on('end', () => resolve());
  });
  scan(decoder.end(), true);
  return count;
}

/** The first sheet in the workbook's order (usually, but not always, sheet1.xml). */
async function firstSheetPath(zip: JSZip): Promise<string> {
  const workbook = await zip.file('xl/workbook.xml')?.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  const id = workbook ? /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1] : undefined;
  const target = id && rels ? new RegExp(`<Relationship\\b[^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1] : undefined;
  if (!target) return 'xl/worksheets/sheet1.xml';
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

function countCsvRows(bytes: Uint8Array): number {
  let count = 0;
  let filled = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      if (filled) count++;
      filled = false;
    } else if (b !== 0x0d && b !== 0x2c && b !== 0x3b && b !== 0x09 && b !== 0x20 && b !== 0x22) {
      filled = true;
    }
  }
  return filled ? count + 1 : count;
}
