/**
 * Editing a real page as a string: finding places to insert (after the article, end of
 * body, inside the footer or a sidebar, top of body), splicing, and rewriting the
 * declared charset to UTF-8 (synthetic pages are written as UTF-8).
 */
import type { Element } from 'domhandler';
import { elements, parseWithOffsets, visibleText } from './dom-text.js';

export type Position = 'after-article' | 'end-of-body' | 'footer' | 'header' | 'sidebar';

/** Offsets in a page's source where new HTML can go. */
export interface InsertPoints {
  afterArticle: number | null;
  endOfBody: number;
  footer: number | null;
  header: number;
  sidebar: number | null;
}

const FOOTER_RE = /(^|[\s_-])(foot|footer|bottom|copyright|ft)([\s_-]|\d|$)/i;
const SIDE_RE = /(^|[\s_-])(side|sidebar|aside|right|rightbar|col-right)([\s_-]|\d|$)/i;
const CHROME = new Set(['footer', 'nav', 'header', 'aside']);
/** Elements a block of HTML can be put into. */
const CONTAINERS = new Set(['div', 'footer', 'aside', 'section', 'td', 'article', 'main', 'center']);
/** Subtrees that are not ordinary HTML flow content. */
const FOREIGN = new Set(['svg', 'math', 'script', 'style', 'template', 'noscript', 'head', 'textarea', 'select', 'iframe', 'object']);

function inForeign(el: Element): boolean {
  for (let p: Element | null = el; p && p.type === 'tag'; p = p.parent as Element | null) if (FOREIGN.has(p.name)) return true;
  return false;
}

export function hasEndTag(src: string, el: Element): boolean {
  if (el.endIndex == null) return false;
  const tail = src.slice(Math.max(0, el.endIndex + 1 - el.name.length - 3), el.endIndex + 1).toLowerCase();
  return tail === `</${el.name}>`;
}

function closeTagStart(el: Element): number {
  return el.endIndex! + 1 - el.name.length - 3;
}

export function inChrome(el: Element): boolean {
  for (let p = el.parent as Element | null; p && p.type === 'tag'; p = p.parent as Element | null) {
    if (CHROME.has(p.name)) return true;
    const ident = `${p.attribs.id ?? ''} ${p.attribs.class ?? ''}`;
    if (FOOTER_RE.test(ident) || SIDE_RE.test(ident)) return true;
  }
  return false;
}

/** Finds the insertion points of a page. */
export function findInsertPoints(src: string): InsertPoints {
  const doc = parseWithOffsets(src);
  const lower = src.toLowerCase();
  let endOfBody = lower.lastIndexOf('</body');
  if (endOfBody < 0) endOfBody = lower.lastIndexOf('</html');
  if (endOfBody < 0) endOfBody = src.length;
  let header = -1;
  let afterArticle: number | null = null;
  let footer: number | null = null;
  let sidebar: number | null = null;
  for (const el of elements(doc)) {
    if (el.type !== 'tag' || el.startIndex == null) continue;
    if (el.name === 'body' && header < 0) {
      const close = src.indexOf('>', el.startIndex);
      if (close > 0) header = close + 1;
      continue;
    }
    if (el.startIndex >= endOfBody || inForeign(el)) continue;
    const container = CONTAINERS.has(el.name);
    const ident = `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`;
    if (container && footer == null && (el.name === 'footer' || FOOTER_RE.test(ident)) && hasEndTag(src, el)) footer = closeTagStart(el);
    if (container && sidebar == null && (el.name === 'aside' || SIDE_RE.test(ident)) && hasEndTag(src, el)) sidebar = closeTagStart(el);
    if (el.name === 'p' && hasEndTag(src, el) && !inChrome(el) && visibleText(el).length >= 30) afterArticle = el.endIndex! + 1;
  }
  if (header < 0) {
    const head = lower.indexOf('</head>');
    header = head >= 0 ? head + 7 : 0;
  }
  return { afterArticle, endOfBody, footer, header, sidebar };
}

/** The offset for a position, falling back to the end of the body when the page has no such place. */
export function offsetFor(points: InsertPoints, pos: Position): number {
  switch (pos) {
    case 'after-article':
      return points.afterArticle ?? points.endOfBody;
    case 'footer':
      return points.footer ?? points.endOfBody;
    case 'sidebar':
      return points.sidebar ?? points.footer ?? points.endOfBody;
    case 'header':
      return points.header;
    default:
      return points.endOfBody;
  }
}

/** Inserts several snippets at offsets of the original source (offsets refer to `src`, not to the result). */
export function spliceAll(src: string, inserts: Array<{ at: number; html: string }>): string {
  const sorted = inserts.map((x, i) => ({ ...x, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  let out = '';
  let last = 0;
  for (const { at, html } of sorted) {
    out += src.slice(last, at) + html;
    last = at;
  }
  return out + src.slice(last);
}

/** Rewrites `<meta charset>` / `content="…charset=…"` declarations to UTF-8, adding one when there is none. */
export function declareUtf8(src: string): string {
  let found = false;
  const out = src
    .replace(/(<meta\b[^>]*\bcharset\s*=\s*["']?)([\w-]+)/gi, (_m, pre: string) => {
      found = true;
      return `${pre}utf-8`;
    });
  if (found) return out;
  const head = /<head\b[^>]*>/i.exec(out);
  if (head) return out.slice(0, head.index + head[0].length) + '<meta charset="utf-8">' + out.slice(head.index + head[0].length);
  return '<meta charset="utf-8">' + out;
}

/** Replaces the page title (or adds one to the head). */
export function setTitle(src: string, title: string): string {
  const m = /<title\b[^>]*>[\s\S]*?<\/title>/i.exec(src);
  if (m) return src.slice(0, m.index) + `<title>${title}</title>` + src.slice(m.index + m[0].length);
  const head = /<head\b[^>]*>/i.exec(src);
  if (head) return src.slice(0, head.index + head[0].length) + `<title>${title}</title>` + src.slice(head.index + head[0].length);
  return `<title>${title}</title>` + src;
}

/** Sets (replaces or adds) a `<meta name=…>` in the head. */
export function setMeta(src: string, name: string, content: string): string {
  const re = new RegExp(`<meta\\b[^>]*\\bname\\s*=\\s*["']?${name}["']?[^>]*>`, 'i');
  const tag = `<meta name="${name}" content="${content}">`;
  if (re.test(src)) return src.replace(re, tag);
  const head = /<head\b[^>]*>/i.exec(src);
  if (head) return src.slice(0, head.index + head[0].length) + tag + src.slice(head.index + head[0].length);
  return src;
}
