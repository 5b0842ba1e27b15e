/**
 * htmlparser2's Tokenizer, with its busiest scans done by `indexOf`: in text and in quoted
 * attribute values every character but `<` / the quote and `&` is a no-op for the state
 * machine, yet the stock tokenizer takes one dispatch per character there (with
 * `decodeEntities` on), and its `fastForwardTo` (script and style bodies, comments, end
 * tags) steps one character at a time too. Jumping to the next character that matters
 * changes no event, index or text; it only saves the per-character loop. Should an
 * htmlparser2 upgrade rename these methods, the overrides are simply never called (same
 * output, slower; test/page/fast-tokenizer.test.ts checks they still exist).
 */
import { Tokenizer } from 'htmlparser2';

const LT = 60;
const AMP = 38;
const DQ = 34;
const SQ = 39;

/** The tokenizer state read here (private in htmlparser2's typings, plain fields at run time). */
interface TokenizerState {
  buffer: string;
  index: number;
  offset: number;
}

/** The stock state handlers this class falls back to. */
interface StateHandlers {
  stateText(c: number): void;
  stateInAttributeValueDoubleQuotes(c: number): void;
  stateInAttributeValueSingleQuotes(c: number): void;
}

type TokenizerClass = new (...args: ConstructorParameters<typeof Tokenizer>) => TokenizerState & StateHandlers;

/** Where the next occurrence of one character is, remembered per buffer (see FastTokenizer.nextOf). */
interface Found {
  buffer: string | null;
  from: number;
  at: number;
}

export class FastTokenizer extends (Tokenizer as unknown as TokenizerClass) {
  /** The last search for each character skipTo looks for: `&`, `<` and the two quotes. */
  private readonly found: Record<string, Found> = {
    '&': { buffer: null, from: 0, at: -1 },
    '<': { buffer: null, from: 0, at: -1 },
    '"': { buffer: null, from: 0, at: -1 },
    "'": { buffer: null, from: 0, at: -1 },
  };

  /** Characters the searches of skipTo have passed over: linear in the buffer, however its text runs are cut. */
  scanned = 0;

  override stateText(c: number): void {
    if (c !== LT && c !== AMP) this.skipTo('<');
    else super.stateText(c);
  }

  override stateInAttributeValueDoubleQuotes(c: number): void {
    if (c !== DQ && c !== AMP) this.skipTo('"');
    else super.stateInAttributeValueDoubleQuotes(c);
  }

  override stateInAttributeValueSingleQuotes(c: number): void {
    if (c !== SQ && c !== AMP) this.skipTo("'");
    else super.stateInAttributeValueSingleQuotes(c);
  }

  /** As the stock method: moves `index` onto the next `c` and returns true, or to the buffer's last character and returns false. */
  fastForwardTo(c: number): boolean {
    const buf = this.buffer;
    const at = buf.indexOf(String.fromCharCode(c), this.index - this.offset + 1);
    if (at !== -1) {
      this.index = at + this.offset;
      return true;
    }
    this.index = buf.length + this.offset - 1;
    return false;
  }

  /**
   * Moves `index` to just before the next `stop` or `&` (the parse loop then steps onto it),
   * or to the buffer's last character when there is neither.
   */
  private skipTo(stop: string): void {
    const buf = this.buffer;
    const from = this.index - this.offset + 1;
    let end = this.nextOf(stop, buf, from);
    if (end === -1) end = buf.length;
    const amp = this.nextOf('&', buf, from);
    if (amp !== -1 && amp < end) end = amp;
    this.index = end - 1 + this.offset;
  }

  /**
   * Position of the first `ch` at or after `from` in `buf`, or -1; remembered, so text with
   * many `&` (or many runs before a rare `<`) searches the rest of the buffer once, not once
   * a run: 4 MiB of entities after the last tag took 17 s searching for a `<` again and again.
   */
  private nextOf(ch: string, buf: string, from: number): number {
    const f = this.found[ch];
    if (f.buffer !== buf || from < f.from || (f.at !== -1 && f.at < from)) {
      f.buffer = buf;
      f.from = from;
      f.at = buf.indexOf(ch, from);
      this.scanned += (f.at === -1 ? buf.length : f.at + 1) - from;
    }
    return f.at;
  }
}

/** The class to pass as htmlparser2's `Tokenizer` parser option. */
export const FAST_TOKENIZER = FastTokenizer as unknown as typeof Tokenizer;
