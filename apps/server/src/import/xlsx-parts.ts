/**
 * The two parts of an .xlsx whose XML is large: the worksheet, turned into rows of plain cell values,
 * and the shared strings. Both are handlers for xml-scanner.ts, acting only on the elements they need.
 */
import type { CellValue, SheetRow } from './sheet-reader';
import { excelToDate } from './xlsx-dates';
import { AttributeCursor, TextCollector, type XmlHandler } from './xml-scanner';

/** What a worksheet's cells need from the rest of the workbook. */
export interface SheetContext {
  readonly sharedStrings: readonly (string | null)[];
  /** By cell style index (`<c s="3">`): whether its number format shows a date or a time. */
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
}


/** The elements of a sheet or of the shared strings that the readers act on; the rest are skipped. */
type Tag = 'row' | 'c' | 'v' | 'f' | 'is' | 't' | 'rPh' | 'si' | 'other';

/** The tag of the local name `source[from, to)`, told by its length and letters: no string is cut out. */
function tagAt(source: string, from: number, to: number): Tag {
  const first = source.charCodeAt(from);
  switch (to - from) {
    case 1:
      return first === 0x63 ? 'c' : first === 0x76 ? 'v' : first === 0x66 ? 'f' : first === 0x74 ? 't' : 'other';
    case 2: {
      const second = source.charCodeAt(from + 1);
      if (first === 0x69 && second === 0x73) return 'is';
      return first === 0x73 && second === 0x69 ? 'si' : 'other';
    }
    case 3:
      if (source.startsWith('row', from)) return 'row';
      return source.startsWith('rPh', from) ? 'rPh' : 'other';
    default:
      return 'other';
  }
}

/** A cell's `t`: shared string, formula string, inline string, boolean, error, ISO date, number. */
type CellType = 's' | 'str' | 'inlineStr' | 'b' | 'e' | 'd' | 'n';

function cellTypeAt(source: string, from: number, to: number): CellType {
  if (to - from === 1) {
    const ch = source.charCodeAt(from);
    return ch === 0x73 ? 's' : ch === 0x62 ? 'b' : ch === 0x65 ? 'e' : ch === 0x64 ? 'd' : 'n';
  }
  if (to - from === 3 && source.startsWith('str', from)) return 'str';
  if (to - from === 9 && source.startsWith('inlineStr', from)) return 'inlineStr';
  return 'n';
}

/** Which text the sheet handler is gathering: a `<v>`, or a `<t>` of an inline string. */
type Collect = 'none' | 'value' | 'inline';

/** Excel's last column, XFD. */
const MAX_COLUMNS = 16384;

export class SheetHandler implements XmlHandler {
  private readonly sharedStrings: readonly (string | null)[];
  private readonly dateStyles: readonly boolean[];
  private readonly date1904: boolean;
  private readonly attributes = new AttributeCursor();
  private readonly collector = new TextCollector();
  private rows: SheetRow[] = [];
  private rowNumber = 0;
  private cells: CellValue[] | null = null;
  private column = -1;
  // The cell being read.
  private inCell = false;
  private cellColumn = 0;
  private cellType: CellType = 'n';
  private cellStyle = 0;
  private hasFormula = false;
  private value: string | null = null;
  private inlineText: string | null = null;
  private inInline = false;
  private phonetic = 0;
  private collect: Collect = 'none';

  constructor(book: SheetContext) {
    this.sharedStrings = book.sharedStrings;
    this.dateStyles = book.dateStyles;
    this.date1904 = book.date1904;
  }

  /** The rows finished since the last call. */
  takeRows(): SheetRow[] {
    const rows = this.rows;
    if (rows.length > 0) this.rows = [];
    return rows;
  }

  open(source: string, nameFrom: number, nameTo: number, attributesTo: number, selfClosing: boolean): void {
    switch (tagAt(source, nameFrom, nameTo)) {
      case 'row':
        this.openRow(source, nameTo, attributesTo);
        if (selfClosing) this.endRow();
        return;
      case 'c':
        if (this.cells === null) return;
        this.openCell(source, nameTo, attributesTo);
        if (selfClosing) this.endCell();
        return;
      case 'v':
        if (!this.inCell) return;
        if (selfClosing) this.value = '';
        else this.startText('value');
        return;
      case 'f':
        if (this.inCell) this.hasFormula = true;
        return;
      case 'is':
        if (!this.inCell) return;
        this.inlineText = '';
        this.inInline = !selfClosing;
        return;
      case 'rPh':
        if (this.inInline && !selfClosing) this.phonetic++;
        return;
      case 't':
        if (this.inInline && this.phonetic === 0 && !selfClosing) this.startText('inline');
        return;
      default:
        return;
    }
  }

  close(source: string, nameFrom: number, nameTo: number): void {
    switch (tagAt(source, nameFrom, nameTo)) {
      case 'v':
        if (this.collect === 'value') this.value = this.endText();
        return;
      case 't':
        if (this.collect === 'inline') this.inlineText += this.endText();
        return;
      case 'rPh':
        if (this.phonetic > 0) this.phonetic--;
        return;
      case 'is':
        this.inInline = false;
        return;
      case 'c':
        if (this.inCell) this.endCell();
        return;
      case 'row':
        if (this.cells !== null) this.endRow();
        return;
      default:
        return;
    }
  }

  text(source: string, from: number, to: number): void {
    if (this.collect !== 'none') this.collector.raw(source, from, to);
  }

  cdata(source: string, from: number, to: number): void {
    if (this.collect !== 'none') this.collector.literal(source, from, to);
  }

  private startText(collect: Collect): void {
    this.collect = collect;
    this.collector.reset();
  }

  private endText(): string {
    this.collect = 'none';
    return this.collector.take();
  }

  private openRow(source: string, from: number, to: number): void {
    let number = NaN;
    const a = this.attributes;
    a.start(source, from, to);
    while (a.next()) {
      if (a.nameTo - a.nameFrom === 1 && source.charCodeAt(a.nameFrom) === 0x72 /* r */) number = integerAt(source, a.valueFrom, a.valueTo);
    }
    // Some writers leave `r` out: the row then follows the one before.
    this.rowNumber = Number.isNaN(number) ? this.rowNumber + 1 : number;
    this.cells = [];
    this.column = -1;
  }

  private openCell(source: string, from: number, to: number): void {
    let column = -1;
    let type: CellType = 'n';
    // A cell without a style has the workbook's default one, index 0.
    let style = 0;
    const a = this.attributes;
    a.start(source, from, to);
    while (a.next()) {
      if (a.nameTo - a.nameFrom !== 1) continue;
      const name = source.charCodeAt(a.nameFrom);
      if (name === 0x72 /* r */) column = columnAt(source, a.valueFrom, a.valueTo);
      else if (name === 0x74 /* t */) type = cellTypeAt(source, a.valueFrom, a.valueTo);
      else if (name === 0x73 /* s */) style = integerAt(source, a.valueFrom, a.valueTo) || 0;
    }
    this.cellColumn = column < 0 ? this.column + 1 : column;
    if (this.cellColumn >= MAX_COLUMNS) throw new Error(`Not a readable .xlsx file: row ${this.rowNumber} has a cell beyond column XFD`);
    this.column = this.cellColumn;
    this.cellType = type;
    this.cellStyle = style;
    this.hasFormula = false;
    this.value = null;
    this.inlineText = null;
    this.inInline = false;
    this.phonetic = 0;
    this.inCell = true;
  }

  private endCell(): void {
    this.inCell = false;
    this.collect = 'none';
    const value = this.cellValue();
    if (value === null) return;
    const cells = this.cells!;
    while (cells.length < this.cellColumn) cells.push(null);
    cells[this.cellColumn] = value;
  }

  private endRow(): void {
    this.rows.push({ row: this.rowNumber, cells: this.cells! });
    this.cells = null;
    this.inCell = false;
  }

  /** The value exceljs gives the cell (a formula: its cached result), as a plain value. */
  private cellValue(): CellValue {
    const { value } = this;
    switch (this.cellType) {
      case 's':
        return value === null ? null : (this.sharedStrings[parseInt(value, 10)] ?? null);
      case 'inlineStr':
        return this.inlineText ?? value;
      case 'str':
        return value;
      case 'b':
        if (value === null || value === '') return null;
        return value === 'true' || (value !== 'false' && parseInt(value, 10) !== 0);
      case 'e':
        return null;
      case 'd': {
        // ISO 8601, written by a few tools; like serial dates, a time without a zone is read as UTC.
        if (value === null) return null;
        const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) || !value.includes('T') ? value : `${value}Z`);
        return Number.isNaN(date.getTime()) ? null : date;
      }
      case 'n': {
        if (value === null) return null;
        const number = parseFloat(value);
        if (Number.isNaN(number)) return null;
        return this.dateStyles[this.cellStyle] === true ? excelToDate(number, this.date1904) : number;
      }
    }
  }
}

/** `columnAt('C7', 0, 2)` is 2 (column C); -1 when the reference starts with no column letter. */
function columnAt(source: string, from: number, to: number): number {
  let column = 0;
  let i = from;
  for (; i < to; i++) {
    const ch = source.charCodeAt(i) & ~0x20;
    if (ch < 0x41 || ch > 0x5a) break;
    column = column * 26 + (ch - 0x40);
  }
  return i === from ? -1 : column - 1;
}

/** The decimal digits `source[from, to)` as a number; NaN when there are none or anything else. */
function integerAt(source: string, from: number, to: number): number {
  if (from >= to) return NaN;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = source.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

export class SharedStringsHandler implements XmlHandler {
  readonly strings: (string | null)[] = [];
  private readonly collector = new TextCollector();
  private current = '';
  private inItem = false;
  private phonetic = 0;
  private collecting = false;

  open(source: string, nameFrom: number, nameTo: number, _attributesTo: number, selfClosing: boolean): void {
    switch (tagAt(source, nameFrom, nameTo)) {
      case 'si':
        if (selfClosing) {
          this.strings.push(null);
          return;
        }
        this.inItem = true;
        this.current = '';
        this.phonetic = 0;
        return;
      case 'rPh':
        if (!selfClosing) this.phonetic++;
        return;
      case 't':
        if (!this.inItem || this.phonetic > 0 || selfClosing) return;
        this.collecting = true;
        this.collector.reset();
        return;
      default:
        return;
    }
  }

  close(source: string, nameFrom: number, nameTo: number): void {
    switch (tagAt(source, nameFrom, nameTo)) {
      case 't':
        if (this.collecting) this.current = this.current === '' ? this.collector.take() : this.current + this.collector.take();
        this.collecting = false;
        return;
      case 'rPh':
        if (this.phonetic > 0) this.phonetic--;
        return;
      case 'si':
        if (!this.inItem) return;
        // Like exceljs, an item without text is an empty cell.
        this.strings.push(this.current === '' ? null : this.current);
        this.inItem = false;
        return;
      default:
        return;
    }
  }

  text(source: string, from: number, to: number): void {
    if (this.collecting) this.collector.raw(source, from, to);
  }

  cdata(source: string, from: number, to: number): void {
    if (this.collecting) this.collector.literal(source, from, to);
  }
}

/**
 * The text of one element, gathered across tokens and chunks. Raw text is decoded once it is whole, so
 * an entity cut between two chunks decodes right; CDATA is taken as it is.
 */
