/** Small helpers over htmlparser2 documents: visible text, sentences, HTML escaping. */
import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'svg']);

/** Parses HTML keeping source offsets of every node. */
export function parseWithOffsets(html: string): ReturnType<typeof parseDocument> {
  return parseDocument(html, { withStartIndices: true, withEndIndices: true, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

/** Visible text runs of a subtree (script, style and head skipped), whitespace collapsed. */
export function textRuns(node: AnyNode, out: string[] = []): string[] {
  if (node.type === 'text') {
    const t = (node as unknown as { data: string }).data.replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
  } else if ('children' in node) {
    if (node.type === 'tag' && SKIP.has((node as Element).name)) return out;
    for (const c of (node as Element).children) textRuns(c, out);
  }
  return out;
}

/** Text of a subtree, runs joined by spaces. */
export function visibleText(node: AnyNode): string {
  return textRuns(node).join(' ');
}

/** Sentences of a text: split after 。！？!? and periods followed by a space. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？!?])|(?<=\.)\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Elements of a subtree in document order. */
export function* elements(node: AnyNode): Generator<Element> {
  if (node.type === 'tag' || node.type === 'script' || node.type === 'style') yield node as Element;
  if ('children' in node) for (const c of (node as Element).children) yield* elements(c);
}
