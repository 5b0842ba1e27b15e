/**
 * htmlparser2's Tokenizer, with its three busiest states made to skip ahead: in text and
 * in quoted attribute values every character but `<` / the quote and `&` is a no-op for
 * the state machine, yet the stock tokenizer takes one dispatch per character there
 * (with `decodeEntities` on). Skipping to the next character that matters changes no
 * event, index or text; it only saves the per-character loop. Should an htmlparser2
 * upgrade rename these methods, the overrides are simply never called (same output, slower).
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

/**
 * Moves `index` to just before the next `stop` or `&` (the parse loop then steps onto it),
 * or to the buffer's last character when there is none.
 */
function skipTo(t: TokenizerState, stop: number): void {
  const buf = t.buffer;
  const n = buf.length;
  let i = t.index - t.offset + 1;
  while (i < n) {
    const c = buf.charCodeAt(i);
    if (c === stop || c === AMP) break;
    i++;
  }
  t.index = i - 1 + t.offset;
}

export class FastTokenizer extends (Tokenizer as unknown as TokenizerClass) {
  override stateText(c: number): void {
    if (c !== LT && c !== AMP) skipTo(this, LT);
    else super.stateText(c);
  }

  override stateInAttributeValueDoubleQuotes(c: number): void {
    if (c !== DQ && c !== AMP) skipTo(this, DQ);
    else super.stateInAttributeValueDoubleQuotes(c);
  }

  override stateInAttributeValueSingleQuotes(c: number): void {
    if (c !== SQ && c !== AMP) skipTo(this, SQ);
    else super.stateInAttributeValueSingleQuotes(c);
  }
}

/** The class to pass as htmlparser2's `Tokenizer` parser option. */
export const FAST_TOKENIZER = FastTokenizer as unknown as typeof Tokenizer;
