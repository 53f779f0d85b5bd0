import { describe, expect, it } from 'vitest';
import { sniffType } from './sniff-type';
import { acceptList, cleanFileName, isAccepted } from './upload-checks';

const bytes = (...parts: (number[] | string)[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p)] : p)));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'rest');
const PDF = bytes('%PDF-1.7\n');
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04], 'rest');

describe('sniffType', () => {
  it.each([
    ['a PNG, whatever its name', PNG, 'photo.jpg', 'image/png'],
    ['a JPEG', JPEG, 'x', 'image/jpeg'],
    ['a WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'a.webp', 'image/webp'],
    ['a PDF', PDF, 'contract.pdf', 'application/pdf'],
    ['an xlsx (a zip named so)', ZIP, 'q1.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['a zip under another name', ZIP, 'q1.bin', 'application/zip'],
    ['UTF-8 text named .csv', bytes('姓名,手机\n张三,138\n'), 'leads.csv', 'text/csv'],
    ['SVG markup: text, never an image', bytes('<svg onload="alert(1)"/>'), 'logo.svg', 'text/plain'],
    ['HTML named .png: text', bytes('<html><script>x</script>'), 'cat.png', 'text/plain'],
    ['binary without a signature', bytes([0, 1, 2, 0xff, 0xfe]), 'a.exe', 'application/octet-stream'],
  ])('%s', (_what, content, name, mime) => {
    expect(sniffType(content, name).mime).toBe(mime);
  });
});

describe('isAccepted', () => {
  const sniffed = (content: Uint8Array, name: string) => sniffType(content, name);
  it.each([
    [['image/*'], 'a.png', PNG, true],
    [['image/*'], 'a.png', PDF, false],
    [['application/pdf'], 'a.pdf', PDF, true],
    [['.pdf'], 'a.pdf', PDF, true],
    [['.pdf'], 'a.pdf', PNG, false],
    [['.pdf'], 'a.PDF', PDF, true],
    [['.csv'], 'leads.csv', bytes('a,b\n'), true],
    [['.xlsx'], 'q1.xlsx', ZIP, true],
    [['.xlsx'], 'q1.xlsx', bytes('not a zip'), false],
    [[], 'anything.bin', bytes([0, 1]), true],
  ])('accept %j, %s', (accept, name, content, expected) => {
    expect(isAccepted(accept, name, sniffed(content, name))).toBe(expected);
  });

  it('adds images to the accept list of an image field', () => {
    expect(acceptList({ id: 'f', key: 'p', kind: 'file', label: { en: 'P' }, image: true, accept: ['.pdf'] })).toEqual(['.pdf', 'image/*']);
  });
});

describe('cleanFileName', () => {
  it.each([
    ['C:\\fakepath\\报价单.pdf', '报价单.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['a\u0000b"c.txt', 'abc.txt'],
    ['', 'file'],
    ['..', 'file'],
    [`${'长'.repeat(300)}.jpeg`, `${'长'.repeat(195)}.jpeg`],
  ])('%j -> %j', (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });
});
