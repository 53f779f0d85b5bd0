/**
 * Writes the benchmark's customer list as an .xlsx the way people hand them over: a merged title row,
 * Chinese headers, phones typed with +86, spaces, dashes or full-width digits, some stored as numbers,
 * budgets as text with thousands separators, dates as date cells, as text in several spellings or as
 * bare serials — and about 1 row in 100 with a mistake (a phone that is not one). Streamed to disk, so
 * writing 100,000 rows holds one row in memory at a time.
 */
import ExcelJS from 'exceljs';
import { createCustomerGenerator, type CustomerRow } from '../lib/customer-generator';

export const HEADER = ['姓名', '手机号', '来源渠道', '门店', '阶段', '预算', '性别', '年龄', '建档日期', '负责人'] as const;
const CHANNEL_LABELS: Readonly<Record<string, string>> = { store: '门店', expo: '展会', street: '地推', web: '网络', referral: '转介绍' };
const FULL_WIDTH = (text: string) => text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const DAY_MS = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function messyPhone(phone: string, i: number): string | number {
  switch (i % 5) {
    case 0: return phone;
    case 1: return `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    case 2: return FULL_WIDTH(phone);
    case 3: return `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
    default: return Number(phone);
  }
}

function messyDate(iso: string, i: number): string | number | Date {
  const [y, m, d] = iso.split('-');
  switch (i % 4) {
    case 0: return new Date(`${iso}T00:00:00Z`);
    case 1: return `${y}/${Number(m)}/${Number(d)}`;
    case 2: return `${y}年${Number(m)}月${Number(d)}日`;
    default: return (Date.parse(`${iso}T00:00:00Z`) - EXCEL_EPOCH) / DAY_MS;
  }
}

function cells(row: CustomerRow, i: number): unknown[] {
  const bad = i % 100 === 99;
  const budget = Number(row.budget);
  return [
    row.name,
    bad ? '1380013' : messyPhone(row.phone, i),
    i % 2 === 0 ? CHANNEL_LABELS[row.channel] : row.channel,
    row.store,
    row.stage,
    i % 3 === 0 ? budget : budget.toLocaleString('en-US', { minimumFractionDigits: 2 }),
    row.gender === 'male' ? '男' : '女',
    i % 2 === 0 ? row.age : String(row.age),
    messyDate(row.created, i),
    row.owner,
  ];
}

/** Writes `rows` data rows; returns how many are meant to be rejected (the deliberate mistakes). */
export async function writeMessySheet(path: string, rows: number, seed = 20261123): Promise<{ bad: number }> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('客户');
  const title = sheet.addRow(['2026 年客户名单（门店汇总）']);
  sheet.mergeCells('A1:J1');
  title.commit();
  sheet.addRow([...HEADER]).commit();
  const generator = createCustomerGenerator(seed);
  let bad = 0;
  for (let done = 0; done < rows;) {
    const batch = generator.take(Math.min(1000, rows - done));
    for (const row of batch) {
      const values = cells(row, done);
      const excelRow = sheet.addRow(values);
      if (values[8] instanceof Date) excelRow.getCell(9).numFmt = 'yyyy-mm-dd';
      excelRow.commit();
      if (done % 100 === 99) bad++;
      done++;
    }
  }
  // Trailing blank rows, as a sheet that once held more data keeps them.
  for (let i = 0; i < 3; i++) sheet.addRow(['', '', '']).commit();
  sheet.commit();
  await workbook.commit();
  return { bad };
}
