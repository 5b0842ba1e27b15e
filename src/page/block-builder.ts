/**
 * Accumulates the inline text of one block while the DOM is walked: whitespace
 * collapsed on the fly, with the span each text node produced, `<br>` positions and
 * link ranges.
 */
import type { Element, Text } from 'domhandler';
import type { TextSpan } from './types.js';
import { collapseSpaces } from './whitespace.js';

/** A link's range in the block text (offsets after collapsing). */
export interface LinkMark {
  href: string;
  start: number;
  end: number;
  /** The `<a>` element, so text of one anchor split by nested markup extends one mark. */
  anchor: Element;
}

/** A finished run of block text, before it becomes a `Block`. */
export interface ProtoBlock {
  /** The block element; null for text outside any element. */
  el: Element | null;
  text: string;
  spans: TextSpan[];
  breaks: number[];
  links: LinkMark[];
  hiddenBy: string | null;
  heading: boolean;
  /** Set for merged lists: the item texts. */
  parts?: string[];
}

/**
 * Shared empty lists for blocks without line breaks or links, and exact-size copies of short
 * span lists (a pushed-to array reserves 17 slots): a page of half a million one-word blocks
 * past the block limit builds every one of them, and each would otherwise leave ~300 bytes
 * in the old generation. Nothing writes to a finished block's lists.
 */
const NO_BREAKS: number[] = Object.freeze([]) as unknown as number[];
const NO_LINKS: LinkMark[] = Object.freeze([]) as unknown as LinkMark[];

export class BlockBuilder {
  // The arrays are made on first use: most builders (one per block element) never get text.
  private pieces: string[] | null = null;
  private len = 0;
  private pendingSpace = false;
  private spans: TextSpan[] | null = null;
  private breaks: number[] | null = null;
  private links: LinkMark[] | null = null;
  /** Anchor of the last text appended, to keep two touching links apart. */
  private lastAnchor: Element | null = null;

  constructor(
    readonly el: Element | null,
    readonly hiddenBy: string | null,
    readonly heading: boolean,
  ) {}

  get empty(): boolean {
    return this.len === 0;
  }

  /** Appends a text node's data, collapsing whitespace; `anchor` is the enclosing `<a href>`, if any. */
  appendText(node: Text, anchor: Element | null, href: string | null): void {
    const data = node.data;
    const s = collapseSpaces(data);
    if (s === null) {
      if (this.len > 0 && data.length > 0) this.pendingSpace = true;
      return;
    }
    const lead = s.charCodeAt(0) === 32;
    const trail = s.charCodeAt(s.length - 1) === 32;
    const core = lead || trail ? s.slice(lead ? 1 : 0, trail ? s.length - 1 : s.length) : s;
    // Two links that touch (`<a>x</a><a>y</a>`) are two words, not one.
    const between = anchor !== null && this.lastAnchor !== null && anchor !== this.lastAnchor;
    const pieces = (this.pieces ??= []);
    if ((this.pendingSpace || lead || between) && this.len > 0) {
      pieces.push(' ');
      this.len++;
    }
    const start = this.len;
    pieces.push(core);
    this.len += core.length;
    (this.spans ??= []).push({ start, end: this.len, node });
    this.pendingSpace = trail;
    this.lastAnchor = href !== null ? anchor : null;
    if (anchor && href !== null) {
      const links = (this.links ??= []);
      const last = links.length ? links[links.length - 1] : null;
      if (last && last.anchor === anchor) {
        if (last.end === last.start) last.start = start;
        last.end = this.len;
      } else {
        links.push({ href, start, end: this.len, anchor });
      }
    }
  }

  /** Records an `<a href>` opening here, so links without text are kept too. */
  openLink(anchor: Element, href: string): void {
    (this.links ??= []).push({ href, start: this.len, end: this.len, anchor });
  }

  /** A `<br>` (or other line break): splits the block's parts. */
  lineBreak(): void {
    if (this.len === 0) return;
    const breaks = (this.breaks ??= []);
    if (breaks[breaks.length - 1] !== this.len) breaks.push(this.len);
    this.pendingSpace = true;
  }

  /** The finished block, or null when it holds no visible text. */
  finish(): ProtoBlock | null {
    if (this.len === 0 || this.pieces === null || this.spans === null) return null;
    return {
      el: this.el,
      text: this.pieces.length === 1 ? this.pieces[0] : this.pieces.join(''),
      spans: this.spans.length < 8 ? this.spans.slice() : this.spans,
      breaks: this.breaks ?? NO_BREAKS,
      links: this.links ?? NO_LINKS,
      hiddenBy: this.hiddenBy,
      heading: this.heading,
    };
  }
}

/** Joins list items into one block with a space between items; parts are the item texts. */
export function mergeProtos(el: Element, items: ProtoBlock[]): ProtoBlock {
  const texts: string[] = [];
  const spans: TextSpan[] = [];
  const links: LinkMark[] = [];
  let offset = 0;
  for (const item of items) {
    if (texts.length) offset++; // the joining space
    texts.push(item.text);
    for (const s of item.spans) spans.push({ ...s, start: s.start + offset, end: s.end + offset });
    for (const l of item.links) links.push({ ...l, start: l.start + offset, end: l.end + offset });
    offset += item.text.length;
  }
  return {
    el,
    text: texts.join(' '),
    spans,
    breaks: [],
    links,
    hiddenBy: items[0]?.hiddenBy ?? null,
    heading: items.every((i) => i.heading),
    parts: texts,
  };
}
