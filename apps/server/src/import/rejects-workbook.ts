/**
 * The rejected rows of an import as an .xlsx the user can fix and import again: the original header,
 * the rows as they were read, and one more column saying what was wrong, in the user's language.
 * Written with exceljs's streaming writer, a page of rows at a time.
 */
import { PassThrough, type Readable } from 'node:stream';
import type { FormDefinition, Locale } from '@tangram/schema';
import type { Store } from '@tangram/store';
import ExcelJS from 'exceljs';
import { problemMessage } from '../http/messages';
import type { ImportPayload } from './import-job';
import { fieldOfPath } from './preview-rows';

const PAGE = 1000;
const ERROR_HEADER: Readonly<Record<Locale, string>> = { 'zh-CN': '错误原因', en: 'Errors' };
const ROW_HEADER: Readonly<Record<Locale, string>> = { 'zh-CN': '原行号', en: 'Row' };

export function rejectsWorkbook(store: Store, jobId: string, payload: ImportPayload, form: FormDefinition, locale: Locale): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const labels = new Map(form.fields.map((f) => [f.key, f.label[locale] ?? f.label.en ?? f.label['zh-CN'] ?? f.key]));
  const width = Math.max(0, ...payload.columns.map((c) => c.index + 1));
  const headerCells: string[] = Array.from({ length: width }, () => '');
  for (const column of payload.columns) headerCells[column.index] = column.group ? `${column.group} ${column.label}` : column.label;

  const write = async () => {
    const sheet = workbook.addWorksheet(locale === 'zh-CN' ? '未导入的行' : 'Rejected rows');
    const header = sheet.addRow([ROW_HEADER[locale], ...headerCells, ERROR_HEADER[locale]]);
    header.font = { bold: true };
    header.commit();
    let after = 0;
    for (;;) {
      const page = await store.jobs.rejects(jobId, after, PAGE);
      for (const reject of page) {
        const cells = Array.from({ length: width }, (_, i) => excelValue(reject.cells[i]));
        const errors = reject.problems.map((p) => {
          const field = fieldOfPath(p.path);
          const text = problemMessage(p, locale);
          return field ? `${labels.get(field) ?? field}: ${text}` : text;
        });
        sheet.addRow([reject.row, ...cells, errors.join('; ')]).commit();
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.row;
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/** Dates were stored as ISO text; they go back as dates. */
function excelValue(value: unknown): string | number | boolean | Date | null {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return new Date(value);
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}
