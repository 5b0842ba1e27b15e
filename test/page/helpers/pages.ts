/** Helpers shared by the page-stage tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyNode, Element } from 'domhandler';
import { selectAll } from 'css-select';
import type { ParsedPage } from '../../../src/page/types.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const sharedRoot = path.resolve(repoRoot, '../shared');

/** Bytes of a fixture under test/fixtures/page. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(repoRoot, 'test/fixtures/page', name)));
}

function contains(el: Element, node: AnyNode): boolean {
  for (let p: AnyNode | null = node; p; p = p.parent) if (p === el) return true;
  return false;
}

/**
 * Checks every block of an HTML page against its selector and spans; returns a list of
 * problems (empty when all hold): the selector matches exactly one element, of the
 * block's tag, holding every text node the block's spans name, and each span's text is
 * the node's text with whitespace collapsed.
 */
export function selectorProblems(parsed: ParsedPage): string[] {
  const problems: string[] = [];
  const doc = parsed.document;
  if (!doc) return ['no document'];
  parsed.page.blocks.forEach((b, i) => {
    if (!b.selector) {
      problems.push(`block ${i}: no selector`);
      return;
    }
    const found = selectAll(b.selector, doc) as Element[];
    if (found.length !== 1) {
      problems.push(`block ${i}: ${b.selector} matches ${found.length} elements`);
      return;
    }
    const el = found[0];
    if (el.name !== b.tag) problems.push(`block ${i}: ${b.selector} is a ${el.name}, block tag ${b.tag}`);
    for (const s of parsed.spans[i]) {
      if (!s.node || !contains(el, s.node)) problems.push(`block ${i}: span ${s.start}-${s.end} outside ${b.selector}`);
      else {
        const want = s.node.data.replace(/\s+/g, ' ').trim();
        const got = b.text.slice(s.start, s.end);
        if (got !== want) problems.push(`block ${i}: span text ${JSON.stringify(got)} != node ${JSON.stringify(want)}`);
      }
    }
  });
  return problems;
}
