/**
 * Writes a page back without its spam blocks. HTML: the smallest elements (or text
 * runs) that hold only spam text are cut out of the source, so everything else stays
 * as it was, byte for byte, and the markup stays well-formed; a spam title is emptied
 * and spam meta keywords/description elements are cut. Text pages: the spam blocks'
 * lines are dropped and every other line is kept exactly.
 */
import type { ChildNode, Document, Element, Text } from 'domhandler';
import iconv from 'iconv-lite';
import type { ParsedPage } from '../page/types.js';

/** Source ranges [start, end) of the decoded page that hold only spam text. */
function spamRanges(parsed: ParsedPage, spam: boolean[]): Array<[number, number]> {
  const spamText = new Set<Text>();
  const keptText = new Set<Text>();
  parsed.spans.forEach((spans, i) => {
    for (const s of spans) if (s.node) (spam[i] ? spamText : keptText).add(s.node);
  });
  const ranges: Array<[number, number]> = [];
  // Post-order walk, iterative (pages may nest deeply): an element is all-spam when it
  // holds spam text and no kept text. Cut the topmost all-spam nodes.
  type Frame = { node: ChildNode | Document; i: number; spam: boolean; kept: boolean };
  const status = new Map<ChildNode, { spam: boolean; kept: boolean }>();
  const stack: Frame[] = [{ node: parsed.document!, i: 0, spam: false, kept: false }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const children = 'children' in top.node ? (top.node.children as ChildNode[]) : [];
    if (top.i < children.length) {
      const child = children[top.i++];
      if (child.type === 'text') {
        const t = child as Text;
        const st = { spam: spamText.has(t), kept: keptText.has(t) };
        status.set(child, st);
        top.spam ||= st.spam;
        top.kept ||= st.kept;
      } else if ('children' in child) {
        stack.push({ node: child, i: 0, spam: false, kept: false });
      }
      continue;
    }
    stack.pop();
    if (top.node.type !== 'root') status.set(top.node as ChildNode, { spam: top.spam, kept: top.kept });
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.spam ||= top.spam;
      parent.kept ||= top.kept;
    }
  }
  const cut = (node: ChildNode | Document): void => {
    const children = 'children' in node ? (node.children as ChildNode[]) : [];
    for (const child of children) {
      const st = status.get(child);
      if (!st || !st.spam) continue;
      const el = child as Element;
      if (!st.kept && el.startIndex !== null && el.endIndex !== null && !(child.type === 'tag' && (el.name === 'body' || el.name === 'html'))) {
        ranges.push([el.startIndex, el.endIndex + 1]);
      } else {
        cut(child);
      }
    }
  };
  cut(parsed.document!);
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** Which parts of an HTML page's head the scorer judged spam (they are not blocks). */
export interface SpamHead {
  title: boolean;
  keywords: boolean;
  description: boolean;
}

/** Elements whose insides are not the page's head or body text (an SVG's <title> is not the page title). */
const FOREIGN = new Set(['svg', 'math', 'template']);

/**
 * Source ranges to cut for the spam parts of the head: the text of the first <title> with
 * text (emptied, the element kept) and the first meta keywords / description with content
 * (the element cut), the same elements the page stage reads them from.
 */
function headRanges(document: Document, head: SpamHead): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const want = { ...head };
  const stack: ChildNode[] = [...(document.children as ChildNode[])].reverse();
  while (stack.length && (want.title || want.keywords || want.description)) {
    const node = stack.pop()!;
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    if (el.name === 'title' && want.title) {
      const kids = el.children as ChildNode[];
      const text = kids.map((k) => (k.type === 'text' ? (k as Text).data : '')).join('');
      if (text.trim()) {
        want.title = false;
        const first = kids[0];
        const last = kids[kids.length - 1];
        if (first.startIndex !== null && last.endIndex !== null) ranges.push([first.startIndex, last.endIndex + 1]);
      }
      continue;
    }
    if (el.name === 'meta') {
      const name = (el.attribs.name ?? '').toLowerCase();
      const content = (el.attribs.content ?? '').trim();
      const key = name === 'keywords' ? 'keywords' : name === 'description' ? 'description' : null;
      if (key && content && want[key]) {
        want[key] = false;
        if (el.startIndex !== null && el.endIndex !== null) ranges.push([el.startIndex, el.endIndex + 1]);
      } else if (key && content) {
        // The page stage reads the first one with content: a later one is not what was judged.
        want[key] = false;
      }
      continue;
    }
    if (FOREIGN.has(el.name)) continue;
    const kids = el.children as ChildNode[];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return ranges;
}

/** The decoded page with the given ranges removed. */
function cutRanges(source: string, ranges: Array<[number, number]>): string {
  let out = '';
  let pos = 0;
  for (const [start, end] of ranges) {
    if (start < pos) continue;
    out += source.slice(pos, start);
    pos = end;
  }
  return out + source.slice(pos);
}

/** The text page without the lines of spam blocks; kept lines keep their own line endings. */
function cutLines(source: string, parsed: ParsedPage, spam: boolean[]): string {
  const drop = new Set<number>();
  parsed.page.blocks.forEach((b, i) => {
    if (spam[i] && b.lines) for (let l = b.lines[0]; l <= b.lines[1]; l++) drop.add(l);
  });
  let out = '';
  let line = 0;
  let pos = 0;
  while (pos < source.length) {
    const nl = source.indexOf('\n', pos);
    const end = nl < 0 ? source.length : nl + 1;
    if (!drop.has(line)) out += source.slice(pos, end);
    pos = end;
    line++;
  }
  return out;
}

/** The page without its spam blocks (and, HTML, the spam parts of its head), as a string in the page's decoded form. */
export function stripDecoded(source: string, parsed: ParsedPage, spam: boolean[], head?: SpamHead): string {
  const headSpam = head !== undefined && (head.title || head.keywords || head.description);
  if (!spam.some(Boolean) && !headSpam) return source;
  if (!parsed.document) return cutLines(source, parsed, spam);
  const ranges = spam.some(Boolean) ? spamRanges(parsed, spam) : [];
  if (headSpam) ranges.push(...headRanges(parsed.document, head));
  return cutRanges(source, ranges.sort((a, b) => a[0] - b[0]));
}

/** Encodes the stripped page back in the charset it came in (UTF-8 for unicode input). */
export function encodeLike(text: string, charset: string, hadBom: boolean): Uint8Array {
  const cs = charset.toLowerCase();
  if (cs === 'utf-8' || cs === 'utf8' || cs === 'unicode' || !iconv.encodingExists(cs)) {
    const body = Buffer.from(text, 'utf8');
    return hadBom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  }
  return iconv.encode(text, cs, { addBOM: hadBom });
}
