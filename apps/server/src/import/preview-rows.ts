/**
 * The preview before an import starts: the first rows as the form engine sees them, with every problem
 * placed on the column it came from, so the user can fix the mapping (or the file) before anything is saved.
 */
import type { Locale, Problem, User } from '@tangram/schema';
import type { FormAccess } from '@tangram/store';
import { problemMessage } from '../http/messages';
import { prepareNewRecord } from '../records/prepare-record';
import type { PublishedForm } from '../records/published-forms';
import type { ColumnMapping } from './column-mapping';
import { mappedColumns, rowInput, storableCells } from './import-rows';
import type { SheetRow } from './sheet-reader';

export interface PreviewRow {
  readonly row: number;
  readonly cells: readonly unknown[];
  /** The values as they would be stored, when the row is valid. */
  readonly data: Readonly<Record<string, unknown>> | null;
  readonly problems: readonly PreviewProblem[];
}

export interface PreviewProblem {
  /** The sheet column the problem comes from; null when it is about a field no column fills. */
  readonly column: number | null;
  readonly field: string | null;
  readonly code: string;
  readonly message: string;
}

export function previewRows(options: {
  readonly form: PublishedForm;
  readonly access: FormAccess;
  readonly user: User;
  readonly mapping: ColumnMapping;
  readonly rows: readonly SheetRow[];
  readonly now: Date;
  readonly locale: Locale;
}): PreviewRow[] {
  const columns = mappedColumns(options.form.definition, options.mapping);
  const columnOf = new Map(columns.map((c) => [c.field.key, c.index]));
  const warnChecks = (options.form.definition.checks ?? []).filter((c) => c.severity === 'warn').map((c) => c.id);
  return options.rows.map((row) => {
    const prepared = prepareNewRecord({
      access: options.access, user: options.user, form: options.form, now: options.now, autonumbers: {}, basePath: '',
      input: { data: rowInput(columns, row.cells), confirmedWarnings: warnChecks },
    });
    const problems = prepared.ok ? [] : [...prepared.forbidden, ...prepared.invalid].map((p) => locate(p, columnOf, options.locale));
    return { row: row.row, cells: storableCells(row.cells), data: prepared.ok ? prepared.record.data : null, problems };
  });
}

/** `/data/phone/0` -> the phone column. */
export function fieldOfPath(path: string): string | null {
  const m = /^\/data\/([^/]+)/.exec(path);
  return m ? m[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : null;
}

function locate(problem: Problem, columnOf: ReadonlyMap<string, number>, locale: Locale): PreviewProblem {
  const field = fieldOfPath(problem.path);
  return { column: field === null ? null : columnOf.get(field) ?? null, field, code: problem.code, message: problemMessage(problem, locale) };
}
