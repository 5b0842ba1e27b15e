/**
 * Gives the parsed document the `html > head, body` shape a browser gives it, because
 * htmlparser2 keeps the source's shape: a fragment has no html/body, and content after
 * `</body>` or `</html>` (where injected spam likes to sit) stays outside body. Browsers
 * move such content into body; doing the same keeps block selectors unique and in line
 * with selectors written against a browser's DOM.
 */
import { Element, isTag, isText, type AnyNode, type Document, type ParentNode } from 'domhandler';

const HEAD_ONLY = new Set(['head', 'title', 'meta', 'link', 'base', 'style', 'script', 'noscript']);

function isBlankText(n: AnyNode): boolean {
  return isText(n) && !/\S/.test(n.data);
}

/** Sets children of `parent` to `nodes`, fixing parent/prev/next links. */
function setChildren(parent: ParentNode, nodes: AnyNode[]): void {
  parent.children = nodes;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    n.parent = parent;
    n.prev = i > 0 ? nodes[i - 1] : null;
    n.next = i + 1 < nodes.length ? nodes[i + 1] : null;
  }
}

/** Whether a node is page content (an element or visible text), not a doctype, comment or blank text. */
function isContent(n: AnyNode): boolean {
  return isTag(n) || (isText(n) && !isBlankText(n));
}

/** Wraps stray content into html and body, in place; touches only the top two levels. */
export function normalizeDocument(doc: Document): void {
  const top = doc.children;
  let html = top.find((n): n is Element => isTag(n) && n.name === 'html') ?? null;
  if (!html) {
    if (!top.some(isContent)) return;
    html = new Element('html', {});
    const keep = top.filter((n) => n.type === 'directive' || n.type === 'comment');
    const moved = top.filter((n) => n.type !== 'directive' && n.type !== 'comment');
    setChildren(html, moved);
    setChildren(doc, [...keep, html]);
  } else {
    // Content before <html> or after </html> belongs in the page too.
    const at = top.indexOf(html);
    const before = top.slice(0, at).filter(isContent);
    const after = top.slice(at + 1).filter(isContent);
    if (before.length || after.length) {
      const moved = new Set([...before, ...after]);
      setChildren(html, [...before, ...html.children, ...after]);
      setChildren(doc, top.filter((n) => !moved.has(n)));
    }
  }

  const inHtml = html.children;
  const body = inHtml.find((n): n is Element => isTag(n) && n.name === 'body') ?? null;
  if (!body) {
    // Body starts at the first content that is not head material.
    const first = inHtml.findIndex((n) => isContent(n) && !(isTag(n) && HEAD_ONLY.has(n.name)));
    if (first === -1) return;
    const made = new Element('body', {});
    setChildren(made, inHtml.slice(first));
    setChildren(html, [...inHtml.slice(0, first), made]);
    return;
  }
  // Content beside body (not head material) goes into body, before or after its own.
  const at = inHtml.indexOf(body);
  const stray = (n: AnyNode): boolean => isContent(n) && !(isTag(n) && (n.name === 'head' || n.name === 'body'));
  const before = inHtml.slice(0, at).filter((n) => stray(n) && !(isTag(n) && HEAD_ONLY.has(n.name)));
  const after = inHtml.slice(at + 1).filter(stray);
  if (before.length || after.length) {
    const moved = new Set([...before, ...after]);
    setChildren(body, [...before, ...body.children, ...after]);
    setChildren(html, inHtml.filter((n) => !moved.has(n)));
  }
}
