/** Data produced by the page stage (decode → parse → segment), read by every later stage. */

export type PageKind = 'html' | 'text';

/** Where the charset used to decode the bytes came from. */
export type CharsetSource = 'bom' | 'http' | 'meta' | 'sniff' | 'default' | 'given';

export interface Link {
  href: string;
  /** Visible anchor text, whitespace collapsed. */
  text: string;
  /** true/false when the page URL is known and the href is absolute or resolvable; null otherwise. */
  external: boolean | null;
  /** Host of the resolved href, or null for relative links on a page without URL. */
  host: string | null;
}

export interface Block {
  /** Position in document order, from 0. */
  index: number;
  /** Visible text, whitespace collapsed to single spaces, trimmed. */
  text: string;
  /** Items of the block in order: list items, `<br>`-separated runs, lines of a text page; [text] for plain prose. */
  parts: string[];
  /** text.length (UTF-16 units, as JSON consumers count). */
  chars: number;
  links: Link[];
  /** Characters of text inside links. */
  linkChars: number;
  /** Tag of the block element ('line' for text-page blocks). */
  tag: string;
  /** Ancestors' tags from the outermost (html) down to the parent; [] for text pages. */
  ancestors: string[];
  /** CSS path of `tag:nth-of-type(k)` steps from html; null for text pages. */
  selector: string | null;
  /** Inclusive 0-based line range on text pages; null for HTML. */
  lines: [number, number] | null;
  heading: boolean;
  hidden: boolean;
  /** Why the block is hidden ('display:none', 'off-screen', …), null when visible. */
  hiddenBy: string | null;
}

export interface Page {
  kind: PageKind;
  /** File name or other input label, when known. */
  file: string | null;
  url: string | null;
  charset: string;
  charsetSource: CharsetSource;
  title: string;
  metaKeywords: string;
  metaDescription: string;
  lang: string | null;
  blocks: Block[];
  /** Bytes of the input. */
  bytes: number;
  /**
   * Which limits cut the input short, if any ('bytes': only the first and last halves of
   * maxBytes were read; 'blocks'; 'depth': deeper elements flattened, no text lost).
   */
  truncated: string[];
}

/** Limits that keep hostile pages bounded; all have flags in the CLI. */
export interface PageLimits {
  /** Bytes read from one input; the rest is ignored (recorded in `truncated`). */
  maxBytes: number;
  /** Blocks kept per page. */
  maxBlocks: number;
  /** Element nesting depth followed; deeper content is flattened into the element at the limit. */
  maxDepth: number;
  /** Seconds of work on one page; past them the page gets an error result. */
  maxSeconds: number;
}

export interface ReadOptions {
  /** Force the page kind instead of deciding by content. */
  kind?: PageKind;
  /** HTTP Content-Type header value, e.g. `text/html; charset=gbk`. */
  contentType?: string;
  url?: string;
  file?: string;
  limits?: Partial<PageLimits>;
  /** The page's time budget, shared with later stages (made from limits.maxSeconds when absent). */
  deadline?: import('./limits.js').Deadline;
}

/**
 * Where each piece of a block's text came from, so region labels (CSS selectors,
 * line ranges) can be mapped onto blocks: `start`/`end` are offsets in `block.text`.
 * HTML pages give the text node; text pages give the 0-based line.
 */
export interface TextSpan {
  start: number;
  end: number;
  node?: import('domhandler').Text;
  line?: number;
}

/** A page with what the data stage needs besides the blocks. */
export interface ParsedPage {
  page: Page;
  /** The parsed DOM (HTML pages), for selector matching; null for text pages. */
  document: import('domhandler').Document | null;
  /** spans[i] covers blocks[i].text. */
  spans: TextSpan[][];
  /** The decoded text that was parsed (node start/end indices point into it). */
  source: string;
}
