/**
 * The write path's check of file values: every FileRef a record carries must name a file uploaded for
 * that field of that form which the writer may attach — one they uploaded themselves and no record holds
 * yet, or one this very record already holds. Anything else (someone else's upload, a file of another
 * record, an id that does not exist) is the same located problem, so ids cannot be probed.
 * The refs are rewritten with what the server stored (name, size, the sniffed type): a client cannot
 * claim a PDF is an image.
 */
import type { Field, FileRef, FormDefinition, Problem } from '@tangram/schema';
import type { Store, StoredFile } from '@tangram/store';

export interface FileRefCheck {
  readonly data: Readonly<Record<string, unknown>>;
  readonly problems: readonly Problem[];
  /** Files to link to the record once it is stored. */
  readonly fileIds: readonly string[];
}

interface Found { readonly path: string; readonly field: string; readonly id: string }

/** The file field a dotted key names: `photos`, or `items.photo` for a column of a subtable. */
export function fileFieldAt(form: FormDefinition, key: string): Extract<Field, { kind: 'file' }> | undefined {
  const [head, cell] = key.split('.', 2);
  const top = form.fields.find((f) => f.key === head);
  const field = cell === undefined ? top : top?.kind === 'subtable' ? top.fields.find((f) => f.key === cell) : undefined;
  return field?.kind === 'file' ? field : undefined;
}

function refId(value: unknown): string | null {
  return value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : null;
}

/** Every FileRef in `data` with its JSON path and the dotted field key it belongs to. */
function findRefs(fields: readonly Field[], data: Readonly<Record<string, unknown>>, base: string, prefix: string): Found[] {
  return fields.flatMap((field): Found[] => {
    const value = data[field.key];
    if (!Array.isArray(value)) return [];
    if (field.kind === 'file') {
      return value.flatMap((ref, i) => {
        const id = refId(ref);
        return id === null ? [] : [{ path: `${base}/${field.key}/${i}`, field: `${prefix}${field.key}`, id }];
      });
    }
    if (field.kind === 'subtable') {
      return value.flatMap((row, r) => (row && typeof row === 'object' ? findRefs(field.fields, row as Record<string, unknown>, `${base}/${field.key}/${r}`, `${field.key}.`) : []));
    }
    return [];
  });
}

function rewrite(fields: readonly Field[], data: Readonly<Record<string, unknown>>, stored: ReadonlyMap<string, StoredFile>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const field of fields) {
    const value = data[field.key];
    if (!Array.isArray(value)) continue;
    if (field.kind === 'file') {
      out[field.key] = value.map((ref) => {
        const file = stored.get(refId(ref) ?? '');
        return file ? ({ id: file.id, name: file.name, size: file.size, mime: file.mime } satisfies FileRef) : ref;
      });
    } else if (field.kind === 'subtable') {
      out[field.key] = value.map((row) => (row && typeof row === 'object' ? rewrite(field.fields, row as Record<string, unknown>, stored) : row));
    }
  }
  return out;
}

/**
 * `userId` null (a public form visitor) may attach nothing. `recordId` is the record being changed
 * (null on create).
 *   await checkFileRefs(store, { app: 'crm', form, data: { photos: [{ id, name: 'x', size: 1, mime: 'image/png' }] }, basePath: '/data', userId, recordId: null })
 *   -> { data: { photos: [{ id, name: 'shop.png', size: 48213, mime: 'image/png' }] }, problems: [], fileIds: [id] }
 */
export async function checkFileRefs(store: Store, options: {
  readonly app: string;
  readonly form: FormDefinition;
  readonly data: Readonly<Record<string, unknown>>;
  readonly basePath: string;
  readonly userId: string | null;
  readonly recordId: string | null;
  /** A create's Idempotency-Key: its retry may name the files the first attempt attached. */
  readonly idempotencyKey?: string | undefined;
}): Promise<FileRefCheck> {
  const refs = findRefs(options.form.fields, options.data, options.basePath, '');
  if (refs.length === 0) return { data: options.data, problems: [], fileIds: [] };
  const stored = new Map((await store.files.getMany(refs.map((r) => r.id))).map((f) => [f.id, f]));
  const attachable = (ref: Found): boolean => {
    const file = stored.get(ref.id);
    if (!file || file.app !== options.app || file.form !== options.form.key || file.field !== ref.field) return false;
    if (file.recordId !== null) {
      return file.recordId === options.recordId
        || (options.idempotencyKey !== undefined && file.uploadedBy === options.userId && file.recordIdempotencyKey === options.idempotencyKey);
    }
    return options.userId !== null && file.uploadedBy === options.userId;
  };
  const problems = refs.filter((ref) => !attachable(ref)).map((ref): Problem => ({ path: ref.path, code: 'unknownFile', params: { id: ref.id } }));
  if (problems.length > 0) return { data: options.data, problems, fileIds: [] };
  return { data: rewrite(options.form.fields, options.data, stored), problems: [], fileIds: [...new Set(refs.map((r) => r.id))] };
}
