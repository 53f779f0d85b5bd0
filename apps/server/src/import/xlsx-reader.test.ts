import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { SheetRow } from './sheet-reader';
import { isDateFormat } from './xlsx-dates';
import { countXlsxFilledRows, readXlsxRows } from './xlsx-reader';

async function readAll(bytes: Uint8Array): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readXlsxRows(bytes)) rows.push(row);
  return rows;
}

/** What a person sees in a cell exceljs read: rich text joined, a formula's result, an error as empty. */
function seen(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
  if (v.richText) return v.richText.map((part) => part.text).join('');
  if ('result' in v) return seen(v.result);
  if (v.text !== undefined) return seen(v.text);
  return null;
}

/** The rows exceljs's own reader gives, trailing empty cells dropped, as readXlsxRows gives them. */
async function exceljsRows(bytes: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: SheetRow[] = [];
  workbook.worksheets[0]!.eachRow({ includeEmpty: false }, (row) => {
    const cells = Array.from((row.values as unknown[]).slice(1), seen);
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    rows.push({ row: row.number, cells: cells as SheetRow['cells'] });
  });
  return rows;
}

/** An .xlsx written by hand, for what exceljs never writes but Excel, WPS and other tools do. */
async function handWritten(parts: { sheet: string; sharedStrings?: string; styles?: string; workbookPr?: string }): Promise<Buffer> {
  const zip = new JSZip();
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file('xl/workbook.xml', `<?xml version="1.0"?><x:workbook xmlns:x="${ns}" xmlns:rel="${rel}">${parts.workbookPr ?? ''}<x:sheets><x:sheet name="数据" sheetId="1" rel:id="rId7"/></x:sheets></x:workbook>`);
  zip.file('xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
    <Relationship Id="rId7" Type="${rel}/worksheet" Target="/xl/worksheets/data.xml"/>
    <Relationship Id="rId8" Type="${rel}/sharedStrings" Target="strings.xml"/>
    <Relationship Id="rId9" Type="${rel}/styles" Target="styles.xml"/></Relationships>`);
  zip.file('xl/worksheets/data.xml', `<?xml version="1.0"?><x:worksheet xmlns:x="${ns}"><x:sheetData>${parts.sheet}</x:sheetData></x:worksheet>`);
  if (parts.sharedStrings) zip.file('xl/strings.xml', `<?xml version="1.0"?><sst xmlns="${ns}">${parts.sharedStrings}</sst>`);
  if (parts.styles) zip.file('xl/styles.xml', `<?xml version="1.0"?><styleSheet xmlns="${ns}">${parts.styles}</styleSheet>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('readXlsxRows', () => {
  it('gives the same values as exceljs for what Excel saves: text, numbers, dates, rich text, formulas, errors and gaps', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['姓名', '手机号', '到店日期', '金额', '会员', '备注', '合计']);
    sheet.addRow(['张三', 13800000000, new Date(Date.UTC(2024, 4, 1)), 199.5, true, { richText: [{ text: 'R&D ' }, { font: { bold: true }, text: '<重点>' }] }, { formula: 'D2*2', result: 399 }]);
    sheet.addRow(['李四 "小李"', '+86 139-0000-0000', new Date(Date.UTC(2024, 11, 31, 18, 30, 15)), -0.25, false, '第一行\n第二行', { formula: '1/0', result: { error: '#DIV/0!' } }]);
    // A sparse row: cells B and E only, after an empty row 4.
    sheet.getRow(5).getCell(2).value = '王五';
    sheet.getRow(5).getCell(5).value = 0;
    sheet.getRow(6).getCell(1).value = { text: '官网', hyperlink: 'https://example.com/?a=1&b=2' };
    sheet.getRow(6).getCell(3).value = new Date(Date.UTC(1999, 0, 1));
    sheet.getColumn(3).numFmt = 'yyyy"年"m"月"d"日" hh:mm:ss';
    sheet.getColumn(4).numFmt = '[Red]#,##0.00"元"';
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    const rows = await readAll(bytes);
    expect(rows).toEqual(await exceljsRows(bytes));
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 5, 6]);
    expect(rows[1]!.cells).toEqual(['张三', 13800000000, new Date(Date.UTC(2024, 4, 1)), 199.5, true, 'R&D <重点>', 399]);
    expect(rows[3]!.cells).toEqual([null, '王五', null, null, 0]);
  });

  it('reads what other tools write: inline strings, prefixes, CDATA, phonetic runs, cells without references and 1904 dates', async () => {
    const bytes = await handWritten({
      workbookPr: '<x:workbookPr date1904="1"/>',
      sharedStrings: '<si><t>北京</t><rPh sb="0" eb="2"><t>ベイジン</t></rPh></si><si><r><t xml:space="preserve">A &amp; </t></r><r><t>B&#x4E2D;</t></r></si><si/>',
      styles: '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/mm/dd"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs>',
      sheet: [
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row>',
        '<!-- 注释 --><x:row><x:c t="inlineStr"><x:is><x:t><![CDATA[<原样>&]]></x:t></x:is></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>北京</x:v></x:c></x:row>',
        '<x:row r="7" spans="1:3"><x:c r="C7" s="1"><x:v>0</x:v></x:c><x:c r="D7" s="2"><x:v>45000.5</x:v></x:c><x:c r="E7" t="d"><x:v>2024-05-01T08:00:00</x:v></x:c><x:c r="F7"><x:v>1.5E3</x:v></x:c></x:row>',
        '<x:row r="8"/>',
      ].join('\r\n'),
    });
    expect(await readAll(bytes)).toEqual([
      { row: 1, cells: ['北京', 'A & B中'] },
      { row: 2, cells: ['<原样>&', true, null, '北京'] },
      // 1904 system: serial 0 is 1904-01-01.
      { row: 7, cells: [null, null, new Date(Date.UTC(1904, 0, 1)), new Date(Date.UTC(2027, 2, 16, 12)), new Date(Date.UTC(2024, 4, 1, 8)), 1500] },
      { row: 8, cells: [] },
    ]);
  });

  it('stops reading when the caller has the rows it needs', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    for (let i = 0; i < 20_000; i++) sheet.addRow([`客户${i}`, i]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const first: SheetRow[] = [];
    for await (const row of readXlsxRows(bytes)) {
      first.push(row);
      if (first.length === 3) break;
    }
    expect(first).toEqual([{ row: 1, cells: ['客户0', 0] }, { row: 2, cells: ['客户1', 1] }, { row: 3, cells: ['客户2', 2] }]);
  });

  it('refuses a file that is not an .xlsx workbook with a reason', async () => {
    await expect(readAll(Buffer.from('姓名,手机号\n张三,138'))).rejects.toThrow(/Not a readable \.xlsx file/);
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    await expect(readAll(await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toThrow(/no workbook part/);
    // A sheet cut off inside a tag, as a failed upload or a broken writer leaves it.
    const cut = await JSZip.loadAsync(await handWritten({ sheet: '' }));
    cut.file('xl/worksheets/data.xml', '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"');
    await expect(readAll(await cut.generateAsync({ type: 'nodebuffer' }))).rejects.toThrow(/ends in the middle of its XML/);
  });
});

describe('countXlsxFilledRows', () => {
  it('counts rows with a value, prefixed or not, and not rows of blank inline strings or without values', async () => {
    const filler = Array.from({ length: 40_000 }, (_, i) => `<x:row r="${i + 10}"><x:c t="inlineStr"><x:is><x:t xml:space="preserve">  客户${i}</x:t></x:is></x:c></x:row>`);
    const bytes = await handWritten({
      sheet: [
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>',
        '<x:row r="2"><x:c t="inlineStr"><x:is><x:t> </x:t></x:is></x:c><x:c r="B2"/><x:c><x:v></x:v></x:c></x:row>',
        '<x:row r="3"/>',
        '<x:row r="4" spans="1:2"><x:c t="inlineStr"><x:is><x:r><x:t></x:t></x:r><x:r><x:t>B</x:t></x:r></x:is></x:c></x:row>',
        ...filler,
        '<x:row r="50000"><x:c><x:f>A1</x:f></x:c></x:row>',
      ].join('\r\n'),
    });
    // Row 1, row 4 and the 40,000 filler rows, which take many inflated chunks.
    expect(await countXlsxFilledRows(bytes)).toBe(40_002);
  });
});

describe('isDateFormat', () => {
  it('tells a date or time format from a number format with text or colours in it', () => {
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('[h]:mm:ss')).toBe(true);
    expect(isDateFormat('[Red]#,##0.00"元"')).toBe(false);
    expect(isDateFormat('0.00\\h')).toBe(false);
    expect(isDateFormat('#,##0_);[Red](#,##0)')).toBe(false);
  });
});
