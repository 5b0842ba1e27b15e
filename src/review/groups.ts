/** Regions of blocks marked at once: a block and its siblings (same parent element, or one text paragraph). */
import type { ReviewBlock } from './types.js';

/** The selector of the ancestor `up` steps above the block's element (1: its parent); null when there is none. */
export function ancestorPath(selector: string | null, up: number): string | null {
  if (selector === null) return null;
  let s = selector;
  for (let k = 0; k < up; k++) {
    const cut = s.lastIndexOf(' > ');
    if (cut < 0) return null;
    s = s.slice(0, cut);
  }
  return s;
}

/**
 * The run of consecutive blocks around `index` that share the ancestor `level` steps up
 * (HTML), or the paragraph of lines with no blank line between them (text pages).
 */
export function siblingRun(blocks: ReviewBlock[], index: number, level = 1): [number, number] {
  const b = blocks[index];
  if (!b) return [index, index];
  if (b.lines) {
    let from = index;
    let to = index;
    while (from > 0 && blocks[from - 1].lines && blocks[from - 1].lines![1] + 1 >= blocks[from].lines![0]) from--;
    while (to < blocks.length - 1 && blocks[to + 1].lines && blocks[to].lines![1] + 1 >= blocks[to + 1].lines![0]) to++;
    return [from, to];
  }
  const parent = ancestorPath(b.selector, level);
  if (parent === null) return [index, index];
  const inside = (x: ReviewBlock) => x.selector !== null && x.selector.startsWith(parent + ' > ');
  let from = index;
  let to = index;
  while (from > 0 && inside(blocks[from - 1])) from--;
  while (to < blocks.length - 1 && inside(blocks[to + 1])) to++;
  return [from, to];
}
