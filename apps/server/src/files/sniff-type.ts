/**
 * What an uploaded file really is, read from its first bytes: the name and the type a browser claims are
 * whatever the sender chose, so neither decides how a file is stored, checked or served.
 *
 *   sniffType(pngBytes, 'photo.jpg')  -> { mime: 'image/png', exts: ['.png'] }
 *   sniffType(utf8Text, 'notes.csv')  -> { mime: 'text/csv', exts: null }
 *   sniffType(random, 'x.bin')        -> { mime: 'application/octet-stream', exts: null }
 */
export interface SniffedType {
  readonly mime: string;
  /** The extensions this content may carry; null when the content says nothing about it. */
  readonly exts: readonly string[] | null;
}

interface Signature {
  readonly mime: string;
  readonly exts: readonly string[];
  readonly matches: (b: Uint8Array) => boolean;
}

const at = (b: Uint8Array, offset: number, bytes: readonly number[]) => bytes.every((v, i) => b[offset + i] === v);
const ascii = (b: Uint8Array, offset: number, text: string) => at(b, offset, [...text].map((c) => c.charCodeAt(0)));

/** ISO base media (MP4, HEIC, AVIF): the brand after `ftyp` tells them apart. */
const ftyp = (brands: readonly string[]) => (b: Uint8Array) => ascii(b, 4, 'ftyp') && brands.some((brand) => ascii(b, 8, brand));

/** Office Open XML files are zip archives; the extension tells which one (the content check is "is a zip"). */
const ZIP_EXTS: Readonly<Record<string, string>> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.zip': 'application/zip',
};
const OLE_EXTS: Readonly<Record<string, string>> = {
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.ppt': 'application/vnd.ms-powerpoint',
};

const SIGNATURES: readonly Signature[] = [
  { mime: 'image/jpeg', exts: ['.jpg', '.jpeg'], matches: (b) => at(b, 0, [0xff, 0xd8, 0xff]) },
  { mime: 'image/png', exts: ['.png'], matches: (b) => at(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mime: 'image/gif', exts: ['.gif'], matches: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
  { mime: 'image/webp', exts: ['.webp'], matches: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  { mime: 'image/avif', exts: ['.avif'], matches: ftyp(['avif', 'avis']) },
  { mime: 'image/heic', exts: ['.heic', '.heif'], matches: ftyp(['heic', 'heix', 'mif1', 'msf1']) },
  { mime: 'image/bmp', exts: ['.bmp'], matches: (b) => ascii(b, 0, 'BM') && b.length > 26 },
  { mime: 'image/tiff', exts: ['.tif', '.tiff'], matches: (b) => at(b, 0, [0x49, 0x49, 0x2a, 0x00]) || at(b, 0, [0x4d, 0x4d, 0x00, 0x2a]) },
  { mime: 'application/pdf', exts: ['.pdf'], matches: (b) => ascii(b, 0, '%PDF-') },
  { mime: 'video/mp4', exts: ['.mp4', '.m4v', '.mov'], matches: ftyp(['isom', 'iso2', 'mp41', 'mp42', 'M4V ', 'qt  ', 'avc1']) },
  { mime: 'audio/mpeg', exts: ['.mp3'], matches: (b) => ascii(b, 0, 'ID3') || at(b, 0, [0xff, 0xfb]) },
];

const TEXT_EXTS: Readonly<Record<string, string>> = { '.csv': 'text/csv', '.txt': 'text/plain', '.md': 'text/markdown', '.json': 'application/json' };

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** UTF-8 without NUL bytes (checked on the first 64 kB): plain text, whatever it says it is. */
function isText(b: Uint8Array): boolean {
  const head = b.subarray(0, 65536);
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.length < b.length ? head.subarray(0, lastCharBoundary(head)) : head);
    return true;
  } catch {
    return false;
  }
}

/** Where the last complete UTF-8 character of a cut buffer ends (so a cut inside one is not "binary"). */
function lastCharBoundary(b: Uint8Array): number {
  let end = b.length;
  while (end > 0 && end > b.length - 4 && (b[end - 1]! & 0xc0) === 0x80) end--;
  return end > 0 && b[end - 1]! >= 0xc0 ? end - 1 : b.length;
}

export function sniffType(bytes: Uint8Array, name: string): SniffedType {
  const ext = extensionOf(name);
  const known = SIGNATURES.find((s) => s.matches(bytes));
  if (known) return { mime: known.mime, exts: known.exts };
  if (at(bytes, 0, [0x50, 0x4b, 0x03, 0x04])) return { mime: ZIP_EXTS[ext] ?? 'application/zip', exts: Object.keys(ZIP_EXTS) };
  if (at(bytes, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { mime: OLE_EXTS[ext] ?? 'application/x-ole-storage', exts: Object.keys(OLE_EXTS) };
  // Text (SVG and HTML included) is stored as text/plain unless it is a known data format: never as
  // markup a browser would run.
  if (isText(bytes)) return { mime: TEXT_EXTS[ext] ?? 'text/plain', exts: null };
  return { mime: 'application/octet-stream', exts: null };
}

/** Extensions whose content has a signature: such a name must come with such content. */
export const SIGNED_EXTS: ReadonlySet<string> = new Set([...SIGNATURES.flatMap((s) => s.exts), ...Object.keys(ZIP_EXTS), ...Object.keys(OLE_EXTS)]);

/** Raster images a browser may show inline and sharp can make a thumbnail of. */
export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']);
