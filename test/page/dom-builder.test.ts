/** DomBuilder must give the very tree domhandler's DomHandler gives (it replaces it for speed). */
import { DomHandler, type AnyNode, type Document } from 'domhandler';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { DomBuilder } from '../../src/page/dom-builder.js';

const OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };

function withHandler(html: string, options = OPTIONS): Document {
  const handler = new DomHandler(undefined, { withStartIndices: true, withEndIndices: true });
  new Parser(handler, options).end(html);
  return handler.root;
}

function withBuilder(html: string, options = OPTIONS): DomBuilder {
  const builder = new DomBuilder();
  new Parser(builder, options).end(html);
  return builder;
}

/** Everything observable about a tree: classes, own properties in order, values, and links. */
function describeTree(node: AnyNode, out: unknown[] = []): unknown[] {
  const own: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    const v = (node as unknown as Record<string, unknown>)[key];
    if (key === 'parent' || key === 'prev' || key === 'next') own[key] = v === null ? null : (v as AnyNode).type;
    else if (key !== 'children') own[key] = v;
  }
  out.push([Object.getPrototypeOf(node).constructor.name, Object.keys(node), own, node.nodeType]);
  if ('children' in node) {
    node.children.forEach((c, i) => {
      expect(c.parent).toBe(node);
      expect(c.prev).toBe(node.children[i - 1] ?? null);
      expect(c.next).toBe(node.children[i + 1] ?? null);
      describeTree(c, out);
    });
  }
  return out;
}

const SAMPLES = [
  '<!doctype html><html lang=en><head><title>T &amp; t</title><style>.a{display:none}</style></head><body><p>x</p></body></html>',
  '<p>one<p>two &lt;three&gt; caf&eacute;<br>four</p></div>tail',
  '<!-- a --><!-- b --><div><!--c-->text<![CDATA[not cdata in html]]></div>',
  '<svg><![CDATA[real cdata]]><foreignObject><p>in</p></foreignObject></svg><math><mi>x</mi></math>',
  '<?xml version="1.0"?><html><body><script>if (a < b) {}</script><style>p{}</style><ul><li>a<li>b</ul>',
  '<table><tr><td>1<td>2</table><form><form><input value="&quot;v&quot;" checked></form>',
  '<DIV CLASS="X" Id=y>Upper &#x41;&#66;</DIV></p><image src=i.png>',
  'plain text only &amp; entities',
  '<html><body>a</body></html><p>after</p><style>x{}</style>',
  '<a href="/x">unclosed <b>bold <i>italic',
];

describe('DomBuilder', () => {
  it.each(SAMPLES)('builds the same tree as DomHandler: %s', (html) => {
    const expected = describeTree(withHandler(html));
    const built = withBuilder(html);
    expect(describeTree(built.root)).toEqual(expected);
  });

  it('builds the same CDATA sections as DomHandler when the parser reports them', () => {
    const html = '<svg><![CDATA[a &amp; b]]><![CDATA[]]></svg>';
    const options = { ...OPTIONS, recognizeCDATA: true };
    const tree = describeTree(withBuilder(html, options).root);
    expect(tree.some((n) => (n as unknown[])[0] === 'CDATA')).toBe(true);
    expect(tree).toEqual(describeTree(withHandler(html, options)));
  });

  it('collects <style> elements and the first <html> as they close', () => {
    const b = withBuilder('<html lang=de><head><style>a{}</style></head><body><style>b{}</style></body></html><html lang=fr></html>');
    expect(b.styles.map((s) => s.children.length)).toEqual([1, 1]);
    expect(b.htmlEl?.attribs.lang).toBe('de');
  });
});
