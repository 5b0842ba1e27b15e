/**
 * Which blocks are DOM siblings: blocks whose elements share a parent element form a
 * group (the lines of one link farm, the comments of one list), so later stages can let
 * a block's context come from its own container and not from whatever sits next to it
 * in document order (an injected spam box right above a site's "Skip to main content").
 */
import type { Block } from './types.js';

/**
 * Per block, the index of the first block of its group: blocks whose selectors share
 * everything but the last step have the same parent element. Text pages (no selectors)
 * are one group.
 */
export function siblingGroups(blocks: readonly Block[]): Int32Array {
  const out = new Int32Array(blocks.length);
  const first = new Map<string, number>();
  for (let i = 0; i < blocks.length; i++) {
    const sel = blocks[i].selector;
    const parent = sel === null ? '' : sel.slice(0, Math.max(0, sel.lastIndexOf(' > ')));
    const at = first.get(parent);
    if (at === undefined) first.set(parent, i);
    out[i] = at ?? i;
  }
  return out;
}
