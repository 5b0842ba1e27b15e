/**
 * Ordinary page furniture: the blocks a `spam.all` label leaves clean. The rule is
 * deliberately simple (docs/labels.md):
 *  - a copyright / ICP-licence line (short, naming ©, "copyright", 版权所有, ICP备 …);
 *  - a very short block (under FURNITURE_MIN_CHARS characters: "首页", "Home", "more");
 *  - a short block (up to FURNITURE_MENU_CHARS) inside `nav`, `header` or `footer`: a menu.
 */
import type { Block } from './types.js';

export const FURNITURE_MIN_CHARS = 6;
export const FURNITURE_MENU_CHARS = 60;
const COPYRIGHT_MAX_CHARS = 200;
const COPYRIGHT_RE = /©|\(c\)\s*\d{4}|copyright|all rights reserved|版权所有|版權所有|icp备|icp證|icp证|京公网安备|公网安备/i;
const FURNITURE_TAGS = new Set(['nav', 'header', 'footer']);

/** True when a block is page furniture (menu, copyright line) rather than content. */
export function isFurniture(block: Block): boolean {
  const text = block.text;
  if (text.length < FURNITURE_MIN_CHARS) return true;
  if (text.length <= COPYRIGHT_MAX_CHARS && COPYRIGHT_RE.test(text)) return true;
  if (text.length <= FURNITURE_MENU_CHARS) {
    if (FURNITURE_TAGS.has(block.tag)) return true;
    if (block.ancestors.some((t) => FURNITURE_TAGS.has(t))) return true;
  }
  return false;
}
