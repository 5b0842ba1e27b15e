import { describe, expect, it } from 'vitest';
import { readPage } from '../../src/page/index.js';
import { cellTables, siblingGroups } from '../../src/page/siblings.js';

describe('sibling groups', () => {
  it('groups blocks under the same parent element, in document order', () => {
    const page = readPage('<html><body><div><p>one line</p><p>two lines</p></div><div><p>three</p></div><p>four</p><p>five</p></body></html>');
    expect(page.blocks.map((b) => b.text)).toEqual(['one line', 'two lines', 'three', 'four', 'five']);
    expect(Array.from(siblingGroups(page.blocks))).toEqual([0, 0, 2, 3, 3]);
  });

  it('links a block to a sibling two blocks back across a block of another parent', () => {
    const page = readPage('<html><body><ul><li>one item here</li></ul><p>a paragraph</p><ul><li>another item</li></ul><div><p>x1</p><p>x2</p><p>x3</p></div></body></html>');
    const g = Array.from(siblingGroups(page.blocks));
    const sel = page.blocks.map((b) => b.selector!.slice(0, b.selector!.lastIndexOf(' > ')));
    // Every pair within two blocks: same id exactly when same parent.
    for (let i = 0; i < g.length; i++) for (let j = Math.max(0, i - 2); j < i; j++) expect(g[i] === g[j]).toBe(sel[i] === sel[j]);
    expect(new Set(g).size).toBeLessThan(g.length);
  });

  it('puts every line of a text page in one group', () => {
    const page = readPage('first line\n\nsecond line\n\nthird line', { kind: 'text' });
    expect(page.blocks.length).toBeGreaterThan(1);
    expect(Array.from(siblingGroups(page.blocks)).every((g) => g === 0)).toBe(true);
  });
});

describe('cell tables', () => {
  it('gives every cell of one table the index of its first cell, through row groups and rows, and -1 to other blocks', () => {
    const page = readPage('<html><body><p>友情链接</p><table><tbody><tr><td><a href="/1">荆门网站</a></td><td><a href="/2">武威SEO</a></td></tr><tr><th>咸宁</th></tr></tbody></table><table><tr><td>other table</td></tr></table><ul><li>x</li></ul></body></html>');
    expect(page.blocks.map((b) => b.text)).toEqual(['友情链接', '荆门网站', '武威SEO', '咸宁', 'other table', 'x']);
    expect(Array.from(cellTables(page.blocks.map((b) => b.selector)))).toEqual([-1, 1, 1, 1, 4, -1]);
  });

  it('keeps a table nested in a cell apart from the table around it; text pages have no cells', () => {
    const page = readPage('<html><body><table><tr><td>outer cell</td><td><table><tr><td>inner one</td><td>inner two</td></tr></table></td></tr></table></body></html>');
    expect(page.blocks.map((b) => b.text)).toEqual(['outer cell', 'inner one', 'inner two']);
    expect(Array.from(cellTables(page.blocks.map((b) => b.selector)))).toEqual([0, 1, 1]);
    expect(Array.from(cellTables([null, null]))).toEqual([-1, -1]);
  });
});
