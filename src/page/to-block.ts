/** Turns segmented runs (ProtoBlock) into the public `Block` shape. */
import type { Element, ParentNode } from 'domhandler';
import type { ProtoBlock } from './block-builder.js';
import type { CssPaths } from './css-path.js';
import { makeLink } from './links.js';
import type { Block, Link } from './types.js';

const SEPARATORS_ONLY = /^[\s\p{P}\p{S}]*$/u;

/** Tags of an element's ancestors from the outermost down to its parent. */
export function ancestorTags(el: Element): string[] {
  const tags: string[] = [];
  let p: ParentNode | null = el.parent;
  while (p && p.type !== 'root') {
    tags.push((p as Element).name);
    p = p.parent;
  }
  return tags.reverse();
}

/** Whether the text outside the links is only whitespace and punctuation (a run of links). */
function linksOnly(p: ProtoBlock): boolean {
  let pos = 0;
  const gaps: string[] = [];
  for (const l of p.links) {
    if (l.start > pos) gaps.push(p.text.slice(pos, l.start));
    pos = Math.max(pos, l.end);
  }
  gaps.push(p.text.slice(pos));
  return SEPARATORS_ONLY.test(gaps.join(''));
}

function splitAt(text: string, breaks: number[]): string[] {
  if (breaks.length === 0) return [text];
  const parts: string[] = [];
  let pos = 0;
  for (const b of [...breaks, text.length]) {
    const part = text.slice(pos, b).trim();
    if (part) parts.push(part);
    pos = b;
  }
  return parts;
}

/** The public Block for one run; `index` is its position on the page. */
export function toBlock(p: ProtoBlock, index: number, paths: CssPaths, base: URL | null): Block {
  const links: Link[] = [];
  let linkChars = 0;
  for (const l of p.links) {
    const text = p.text.slice(l.start, l.end).trim();
    linkChars += text.length;
    links.push(makeLink(l.href, text, base));
  }
  let parts: string[];
  if (p.parts) parts = p.parts;
  else {
    const withText = links.filter((l) => l.text.length > 0);
    parts = withText.length >= 2 && linksOnly(p) ? withText.map((l) => l.text) : splitAt(p.text, p.breaks);
  }
  return {
    index,
    text: p.text,
    parts,
    chars: p.text.length,
    links,
    linkChars,
    tag: p.el ? p.el.name : '#document',
    ancestors: p.el ? ancestorTags(p.el) : [],
    selector: p.el ? paths.selector(p.el) : null,
    lines: null,
    heading: p.heading,
    hidden: p.hiddenBy !== null,
    hiddenBy: p.hiddenBy,
  };
}
