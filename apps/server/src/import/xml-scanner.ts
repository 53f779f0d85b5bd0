/**
 * A narrow, fast XML tokenizer for the parts of an .xlsx: fed text chunk by chunk, it calls a handler
 * with bounds into the text (no substring is cut out for a name or a value the handler skips). It
 * handles what XML allows in those parts — entities, character references, CDATA, comments, namespace
 * prefixes and `>` inside attribute values — and checks no more of well-formedness than that.
 */

export class TextCollector {
  private decoded = '';
  private pending = '';

  reset(): void {
    this.decoded = '';
    this.pending = '';
  }

  raw(source: string, from: number, to: number): void {
    const part = source.slice(from, to);
    this.pending = this.pending === '' ? part : this.pending + part;
  }

  literal(source: string, from: number, to: number): void {
    this.decoded += decodeXmlText(this.pending) + normaliseNewlines(source.slice(from, to));
    this.pending = '';
  }

  take(): string {
    const text = this.decoded === '' ? decodeXmlText(this.pending) : this.decoded + decodeXmlText(this.pending);
    this.reset();
    return text;
  }
}


// ---------------------------------------------------------------------------------------------------
// XML: text decoding, attributes and the tokenizer.

const ENTITY = /&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** `decodeXmlText('R&amp;D &#x4E2D;')` is 'R&D 中'. An unknown entity is left as written. */
export function decodeXmlText(raw: string): string {
  const text = normaliseNewlines(raw);
  if (text.indexOf('&') < 0) return text;
  return text.replace(ENTITY, (entity, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED_ENTITIES[name]!;
    const code = hex !== undefined ? parseInt(hex, 16) : parseInt(decimal!, 10);
    return code > 0x10ffff ? entity : String.fromCodePoint(code);
  });
}

/** XML reads a CR LF or a lone CR as LF. */
function normaliseNewlines(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

function isSpace(ch: number): boolean {
  return ch === 0x20 || ch === 0x0a || ch === 0x09 || ch === 0x0d;
}

/** Steps through the attributes in `source[from, to)`, giving the bounds of each name and raw value. */
export class AttributeCursor {
  nameFrom = 0;
  nameTo = 0;
  valueFrom = 0;
  valueTo = 0;
  private source = '';
  private at = 0;
  private end = 0;

  start(source: string, from: number, to: number): void {
    this.source = source;
    this.at = from;
    this.end = to;
  }

  next(): boolean {
    const { source, end } = this;
    let i = this.at;
    while (i < end) {
      while (i < end && isSpace(source.charCodeAt(i))) i++;
      const nameFrom = i;
      while (i < end) {
        const ch = source.charCodeAt(i);
        if (ch === 0x3d /* = */ || isSpace(ch)) break;
        i++;
      }
      const nameTo = i;
      while (i < end && isSpace(source.charCodeAt(i))) i++;
      if (i >= end || source.charCodeAt(i) !== 0x3d || nameTo === nameFrom) {
        i++;
        continue;
      }
      i++;
      while (i < end && isSpace(source.charCodeAt(i))) i++;
      const quote = source.charCodeAt(i);
      if (quote !== 0x22 && quote !== 0x27) continue;
      const valueTo = source.indexOf(quote === 0x22 ? '"' : "'", i + 1);
      if (valueTo < 0 || valueTo >= end) break;
      this.nameFrom = nameFrom;
      this.nameTo = nameTo;
      this.valueFrom = i + 1;
      this.valueTo = valueTo;
      this.at = valueTo + 1;
      return true;
    }
    this.at = end;
    return false;
  }
}

/** Walks a small part whole, calling back at each element's start (with its decoded attributes) and end. */
export function scanSmallPart(xml: string, visit: (name: string, attributes: Record<string, string>, closing: boolean) => void): void {
  const cursor = new AttributeCursor();
  const scanner = new XmlScanner({
    open: (source, nameFrom, nameTo, attributesTo, selfClosing) => {
      const name = source.slice(nameFrom, nameTo);
      const attributes: Record<string, string> = {};
      cursor.start(source, nameTo, attributesTo);
      while (cursor.next()) attributes[source.slice(cursor.nameFrom, cursor.nameTo)] = decodeXmlText(source.slice(cursor.valueFrom, cursor.valueTo));
      visit(name, attributes, false);
      if (selfClosing) visit(name, {}, true);
    },
    close: (source, nameFrom, nameTo) => visit(source.slice(nameFrom, nameTo), {}, true),
    text: () => undefined,
    cdata: () => undefined,
  });
  scanner.write(xml);
  scanner.end();
}

export interface XmlHandler {
  /**
   * An element's start: its local name (any prefix dropped) is `source[nameFrom, nameTo)`, its attributes
   * lie in `source[nameTo, attributesTo)`.
   */
  open(source: string, nameFrom: number, nameTo: number, attributesTo: number, selfClosing: boolean): void;
  close(source: string, nameFrom: number, nameTo: number): void;
  /** Character data as written (entities not yet decoded), `source[from, to)`; it may come in pieces. */
  text(source: string, from: number, to: number): void;
  /** The content of a CDATA section, `source[from, to)`. */
  cdata(source: string, from: number, to: number): void;
}

/**
 * Cuts XML text into tokens for a handler, written to chunk by chunk: a tag cut by the end of a chunk is
 * kept and finished with the next one. Well-formedness beyond that is not checked; a part that ends
 * inside a tag, or whose root element is not the expected one, is an error.
 */
export class XmlScanner {
  private carry = '';
  private sawRoot = false;

  constructor(private readonly handler: XmlHandler, private readonly root?: string) {}

  write(chunk: string): void {
    const s = this.carry === '' ? chunk : this.carry + chunk;
    const n = s.length;
    const handler = this.handler;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        // Text may be cut anywhere, even inside an entity: handlers decode it once it is whole.
        handler.text(s, i, n);
        i = n;
        break;
      }
      if (lt > i) handler.text(s, i, lt);
      i = lt;
      if (lt + 1 >= n) break;
      const next = s.charCodeAt(lt + 1);
      if (next === 0x2f /* </name> */) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) break;
        let end = gt;
        while (end > lt + 2 && isSpace(s.charCodeAt(end - 1))) end--;
        handler.close(s, localNameFrom(s, lt + 2, end), end);
        i = gt + 1;
      } else if (next === 0x21 /* <! */) {
        const end = this.skipDeclaration(s, lt);
        if (end < 0) break;
        i = end;
      } else if (next === 0x3f /* <?…?> */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) break;
        i = end + 2;
      } else {
        // An element start: find its `>`, which may also stand inside a quoted attribute value.
        let j = lt + 1;
        let quote = 0;
        for (; j < n; j++) {
          const ch = s.charCodeAt(j);
          if (quote !== 0) {
            if (ch === quote) quote = 0;
          } else if (ch === 0x3e) break;
          else if (ch === 0x22 || ch === 0x27) quote = ch;
        }
        if (j >= n) break;
        const selfClosing = s.charCodeAt(j - 1) === 0x2f;
        let nameEnd = lt + 1;
        while (nameEnd < j) {
          const ch = s.charCodeAt(nameEnd);
          if (isSpace(ch) || ch === 0x2f || ch === 0x3e) break;
          nameEnd++;
        }
        const nameFrom = localNameFrom(s, lt + 1, nameEnd);
        if (!this.sawRoot) this.checkRoot(s.slice(nameFrom, nameEnd));
        handler.open(s, nameFrom, nameEnd, selfClosing ? j - 1 : j, selfClosing);
        i = j + 1;
      }
    }
    // What is left is a tag the next chunk finishes.
    this.carry = i < n ? s.slice(i) : '';
  }

  end(): void {
    const rest = this.carry;
    this.carry = '';
    if (rest.trim() !== '') throw new Error('Not a readable .xlsx file: a part ends in the middle of its XML');
    if (!this.sawRoot) throw new Error('Not a readable .xlsx file: a part holds no XML');
  }

  private checkRoot(name: string): void {
    if (this.root !== undefined && name !== this.root) throw new Error(`Not a readable .xlsx file: expected <${this.root}>, found <${name}>`);
    this.sawRoot = true;
  }

  /** Comments, CDATA and a DOCTYPE; returns where the declaration ends, or -1 if it is not complete yet. */
  private skipDeclaration(s: string, lt: number): number {
    if (s.length - lt < 9 && ('<![CDATA['.startsWith(s.slice(lt)) || '<!DOCTYPE'.startsWith(s.slice(lt)))) return -1;
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      this.handler.cdata(s, lt + 9, end);
      return end + 3;
    }
    // <!DOCTYPE …>, perhaps with an internal subset in brackets.
    const bracket = s.indexOf('[', lt);
    const gt = s.indexOf('>', lt);
    if (gt < 0) return -1;
    if (bracket < 0 || bracket > gt) return gt + 1;
    const close = s.indexOf(']', bracket);
    if (close < 0) return -1;
    const end = s.indexOf('>', close);
    return end < 0 ? -1 : end + 1;
  }
}

/** `x:row` and `row` are the same element here: SpreadsheetML's elements share one namespace. */
function localNameFrom(s: string, from: number, to: number): number {
  let start = from;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 0x3a /* : */) start = i + 1;
  return start;
}
