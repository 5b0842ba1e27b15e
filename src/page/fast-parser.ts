/**
 * htmlparser2's Parser, with attribute names taken as string constants when they are common
 * ones spelt in lower case. The stock parser slices every attribute name out of the source
 * and lower-cases it; such a fresh string has to be looked up in V8's string table by both
 * `Object.hasOwn(attribs, name)` and `attribs[name] = value`, which made `onattribend` one
 * of the busiest functions of the page stage. A literal is already internalized, so both
 * are plain property lookups. The name, the attribute objects and every event are the
 * same as the stock parser's; only where the name string comes from differs. Should an
 * htmlparser2 upgrade rename these members, the override is simply never called (same
 * output, slower; test/page/fast-parser.test.ts checks they still exist).
 */
import { Parser } from 'htmlparser2';

/** Common attribute names; any other name goes the stock way. */
const COMMON_NAMES = [
  'class', 'href', 'id', 'title', 'src', 'type', 'rel', 'style', 'target', 'content', 'name', 'alt',
  'width', 'height', 'value', 'd', 'property', 'viewbox', 'itemprop', 'onclick', 'role', 'dir',
  'aria-label', 'media', 'fill', 'data-id', 'sizes', 'srcset', 'xmlns', 'data-src', 'aria-hidden',
  'tabindex', 'async', 'for', 'border', 'lang', 'charset', 'action', 'method', 'align', 'colspan',
  'rowspan', 'valign', 'bgcolor', 'color', 'face', 'size', 'hidden', 'http-equiv', 'placeholder',
  'loading', 'defer', 'datetime', 'itemtype', 'itemscope', 'hreflang', 'cellpadding', 'cellspacing',
  'checked', 'selected', 'disabled', 'crossorigin', 'integrity', 'data-url', 'data-type', 'data-title',
];

/** Names by `length << 7 | first char`: a lookup that mostly leaves one candidate to compare. */
const BY_KEY: Array<string[] | undefined> = [];
for (const n of COMMON_NAMES) (BY_KEY[(n.length << 7) | n.charCodeAt(0)] ??= []).push(n);

/** The common name spelt at `buf[at, at + len)`, or undefined. */
function commonName(buf: string, at: number, len: number): string | undefined {
  const c = buf.charCodeAt(at);
  if (c >= 128) return undefined;
  const names = BY_KEY[(len << 7) | c];
  if (names === undefined) return undefined;
  for (const n of names) if (buf.startsWith(n, at)) return n;
  return undefined;
}

/** The parser state read here (private in htmlparser2's typings, plain fields at run time). */
interface ParserState {
  startIndex: number;
  attribname: string;
  buffers: string[];
  bufferOffset: number;
  onattribname(start: number, endIndex: number): void;
}

type ParserClass = new (...args: ConstructorParameters<typeof Parser>) => ParserState;

export class FastParser extends (Parser as unknown as ParserClass) {
  override onattribname(start: number, endIndex: number): void {
    const buffers = this.buffers;
    const at = start - this.bufferOffset;
    // Only a name wholly inside the first buffer (always so for one `end(html)` call).
    const name = buffers.length > 0 && endIndex - this.bufferOffset <= buffers[0].length
      ? commonName(buffers[0], at, endIndex - start)
      : undefined;
    if (name === undefined) {
      super.onattribname(start, endIndex);
      return;
    }
    this.startIndex = start;
    this.attribname = name;
  }
}

/** Makes a FastParser with htmlparser2's Parser type (the class's own type hides the private members). */
export function newFastParser(...args: ConstructorParameters<typeof Parser>): Parser {
  return new FastParser(...args) as unknown as Parser;
}
