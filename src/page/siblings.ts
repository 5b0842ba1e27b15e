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

/** The steps between a table and its cells' elements. */
const CELL_STEP = /^t[dh]:/;
const ROW_STEP = /^(tr|tbody|thead|tfoot):/;
const SEP = ' > ';

/**
 * Per block, which table it is a cell of: the index of that table's first cell block, or -1
 * for a block that is not a `td`/`th` (a link table cut one block per cell is one list, and
 * later stages may judge its cells together). Read off the selectors: a cell's table is its
 * selector without the cell, row and row-group steps. Only cells' selectors are cut.
 */
export function cellTables(selectors: readonly (string | null)[]): Int32Array {
  const out = new Int32Array(selectors.length).fill(-1);
  const first = new Map<string, number>();
  for (let i = 0; i < selectors.length; i++) {
    const sel = selectors[i];
    if (sel == null) continue;
    let end = sel.lastIndexOf(SEP);
    if (end < 0 || !CELL_STEP.test(sel.slice(end + SEP.length, end + SEP.length + 3))) continue;
    // Drop the row and row-group steps above the cell.
    for (let at = sel.lastIndexOf(SEP, end - 1); at >= 0; at = sel.lastIndexOf(SEP, end - 1)) {
      if (!ROW_STEP.test(sel.slice(at + SEP.length, end))) break;
      end = at;
    }
    const table = sel.slice(0, end);
    const at = first.get(table);
    if (at === undefined) first.set(table, i);
    out[i] = at ?? i;
  }
  return out;
}
