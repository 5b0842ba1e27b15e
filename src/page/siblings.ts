/**
 * Which nearby blocks are DOM siblings: blocks whose elements share a parent element (the
 * lines of one link farm, the comments of one list), so later stages can let a block's
 * context come from its own container and not from whatever sits next to it in document
 * order (an injected spam box right above a site's "Skip to main content").
 */
import type { Block } from './types.js';

/** Blocks on each side within which sibling ids are exact (the model's neighbour window). */
export const SIBLING_REACH = 2;

/**
 * Per block, a sibling id: two blocks at most SIBLING_REACH apart have the same id exactly
 * when their elements have the same parent (their selectors share everything but the last
 * step). Text pages (no selectors) are one group. Found by comparing each block with the
 * SIBLING_REACH blocks before it, without building a key string per block.
 */
export function siblingGroups(blocks: readonly Block[]): Int32Array {
  const out = new Int32Array(blocks.length);
  const parentEnd = new Int32Array(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    const sel = blocks[i].selector;
    parentEnd[i] = sel === null ? -1 : Math.max(0, sel.lastIndexOf(' > '));
    out[i] = i;
    for (let d = 1; d <= SIBLING_REACH && d <= i; d++) {
      if (sameParent(blocks[i].selector, parentEnd[i], blocks[i - d].selector, parentEnd[i - d])) {
        out[i] = out[i - d];
        break;
      }
    }
  }
  return out;
}

/** The two selectors' parent steps (up to their ends) are the same; two text-page lines (null) are. */
function sameParent(a: string | null, ea: number, b: string | null, eb: number): boolean {
  if (a === null || b === null) return a === b;
  if (ea !== eb) return false;
  // Selectors of nearby blocks differ near the end (the nth-of-type steps), so compare backwards.
  for (let k = ea - 1; k >= 0; k--) if (a.charCodeAt(k) !== b.charCodeAt(k)) return false;
  return true;
}
