import { describe, expect, it } from 'vitest';
import { readPage } from '../../src/page/index.js';
import { siblingGroups } from '../../src/page/siblings.js';

describe('sibling groups', () => {
  it('groups blocks under the same parent element, in document order', () => {
    const page = readPage('<html><body><div><p>one line</p><p>two lines</p></div><div><p>three</p></div><p>four</p><p>five</p></body></html>');
    expect(page.blocks.map((b) => b.text)).toEqual(['one line', 'two lines', 'three', 'four', 'five']);
    expect(Array.from(siblingGroups(page.blocks))).toEqual([0, 0, 2, 3, 3]);
  });

  it('puts every line of a text page in one group', () => {
    const page = readPage('first line\n\nsecond line\n\nthird line', { kind: 'text' });
    expect(page.blocks.length).toBeGreaterThan(1);
    expect(Array.from(siblingGroups(page.blocks)).every((g) => g === 0)).toBe(true);
  });
});
