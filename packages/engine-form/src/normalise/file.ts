import { pointer, type FileField, type FileRef } from '@tangram/schema';
import { EMPTY, INVALID, emptyOrWrongType, type PrepareNormaliser } from './normaliser';

const FILE_REF_KEYS = ['id', 'name', 'size', 'mime'];

function isFileRef(value: unknown): value is FileRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return Object.keys(v).every((k) => FILE_REF_KEYS.includes(k))
    && typeof v.id === 'string' && v.id !== '' && typeof v.name === 'string' && v.name !== ''
    && typeof v.size === 'number' && Number.isInteger(v.size) && v.size >= 0
    && typeof v.mime === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(v.mime);
}

/** `accept` entries: "image/*", "application/pdf" or an extension ".xlsx". */
function accepts(accept: readonly string[], file: FileRef): boolean {
  const name = file.name.toLowerCase();
  return accept.some((a) => (a.startsWith('.') ? name.endsWith(a.toLowerCase()) : a.endsWith('/*') ? file.mime.startsWith(a.slice(0, -1)) : file.mime === a));
}

/** An array of references to uploaded files (the upload itself is the server's job). */
export const prepareFile: PrepareNormaliser<FileField> = (field) => {
  const maxBytes = field.maxSizeMb === undefined ? undefined : field.maxSizeMb * 1024 * 1024;
  const accept = field.image ? [...(field.accept ?? []), 'image/*'] : field.accept;
  const onlyImages = field.image && (field.accept === undefined || field.accept.length === 0);
  return (value, path, problems) => {
    if (!Array.isArray(value)) return emptyOrWrongType(value, path, problems, 'array');
    if (value.length === 0) return EMPTY;
    const before = problems.length;
    value.forEach((file: unknown, i: number) => {
      const filePath = pointer(path, i);
      if (!isFileRef(file)) problems.push({ path: filePath, code: 'invalidFileRef' });
      else if (maxBytes !== undefined && file.size > maxBytes) problems.push({ path: filePath, code: 'fileTooLarge', params: { limit: field.maxSizeMb } });
      else if (onlyImages ? !file.mime.startsWith('image/') : accept !== undefined && accept.length > 0 && !accepts(accept, file)) {
        problems.push({ path: filePath, code: 'fileType', params: { accept: onlyImages ? ['image/*'] : accept } });
      }
    });
    if (field.maxFiles !== undefined && value.length > field.maxFiles) problems.push({ path, code: 'maxItems', params: { limit: field.maxFiles } });
    return problems.length === before ? value.map((f: FileRef) => ({ id: f.id, name: f.name, size: f.size, mime: f.mime })) : INVALID;
  };
};
