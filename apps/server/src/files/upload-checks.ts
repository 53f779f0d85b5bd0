/**
 * What a file field lets in, judged on the sniffed content (sniff-type.ts), never on what the client
 * claims. The same rules as the form engine's check of stored FileRefs, plus the content itself.
 */
import type { FileField } from '@tangram/schema';
import { extensionOf, SIGNED_EXTS, type SniffedType } from './sniff-type';

/** The accept list a field enforces: `image: true` alone means images only. */
export function acceptList(field: FileField): readonly string[] {
  const accept = field.accept ?? [];
  return field.image ? [...accept, 'image/*'] : accept;
}

/**
 * `accept` entries: "image/*", "application/pdf" or an extension ".xlsx". An extension counts only when
 * the content agrees with it (a PNG renamed report.pdf is not a PDF).
 *   isAccepted(['.pdf'], 'a.pdf', { mime: 'application/pdf', exts: ['.pdf'] }) -> true
 *   isAccepted(['.pdf'], 'a.pdf', { mime: 'image/png', exts: ['.png'] })       -> false
 */
export function isAccepted(accept: readonly string[], name: string, type: SniffedType): boolean {
  if (accept.length === 0) return true;
  const ext = extensionOf(name);
  return accept.some((entry) => {
    const a = entry.toLowerCase();
    if (a.startsWith('.')) return ext === a && (type.exts ? type.exts.includes(a) : !SIGNED_EXTS.has(a));
    if (a.endsWith('/*')) return type.mime.startsWith(a.slice(0, -1));
    return type.mime === a;
  });
}

const MAX_NAME = 200;

/**
 * The name kept for a file: no folders, no control characters, at most 200 characters with the
 * extension kept. `C:\fakepath\报价单.pdf` -> `报价单.pdf`.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (clean === '' || clean === '.' || clean === '..') return 'file';
  if (clean.length <= MAX_NAME) return clean;
  const ext = extensionOf(clean).slice(0, 20);
  return clean.slice(0, MAX_NAME - ext.length) + ext;
}
