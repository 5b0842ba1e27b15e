/**
 * Region labels (CSS selectors, line ranges, `all`) → per-block spam shares. A block's
 * share is the part of its text characters that falls inside spam regions; it is spam
 * at share >= SPAM_SHARE.
 */
import { selectAll } from 'css-select';
import type { AnyNode, Element } from 'domhandler';
import type { ParsedPage } from '../page/types.js';
import { isFurniture } from '../page/furniture.js';
import type { LabelRecord } from './types.js';

export const SPAM_SHARE = 0.5;

export interface MappedLabels {
  spamShare: number[];
  isSpam: boolean[];
  /** A selector matched only elements in the head (e.g. `title`). */
  headSpam: boolean;
  /** Selectors that matched no element of the page. */
  unmatched: string[];
  /** Selectors that matched only once their leading ancestor steps were dropped (see relaxedSelectors). */
  relaxed: string[];
}

/**
 * The selector without its first ancestor step (`a > b c` → `b c`), or [] when it has none. Labels are written against a browser's DOM; htmlparser2
 * sometimes closes inline elements (e.g. `<small>` before a block) earlier, so an
 * ancestor step can fail where the element itself is still there.
 */
export function relaxedSelectors(selector: string): string[] {
  const cuts: number[] = [];
  let depth = 0;
  let quote = '';
  const s = selector.trim();
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && c === ',') return [];
    else if (depth === 0 && (c === '>' || c === ' ')) {
      let j = i;
      while (j < s.length && (s[j] === ' ' || s[j] === '>')) j++;
      const before = s.slice(0, i).trimEnd().slice(-1);
      const after = s[j];
      if (after !== '+' && after !== '~' && before !== '+' && before !== '~' && before !== '' && after !== undefined) cuts.push(j);
      i = j - 1;
    }
  }
  return cuts.length > 0 ? [s.slice(cuts[0])] : [];
}

function inHead(node: AnyNode): boolean {
  for (let n: AnyNode | null = node; n; n = n.parent) {
    if (n.type === 'tag' && (n as Element).name === 'head') return true;
  }
  return false;
}

/** Per-block spam shares of a parsed page under the record's `spam` labels. */
export function mapLabels(parsed: ParsedPage, spam: LabelRecord['spam']): MappedLabels {
  const blocks = parsed.page.blocks;
  const n = blocks.length;
  const result: MappedLabels = { spamShare: new Array<number>(n).fill(0), isSpam: new Array<boolean>(n).fill(false), headSpam: false, unmatched: [], relaxed: [] };
  if (!spam) return result;

  if (spam.all) {
    for (let i = 0; i < n; i++) {
      const spamBlock = !isFurniture(blocks[i]);
      result.spamShare[i] = spamBlock ? 1 : 0;
      result.isSpam[i] = spamBlock;
    }
  }

  let inSpam: ((span: ParsedPage['spans'][number][number]) => boolean) | null = null;
  if (spam.selectors && spam.selectors.length > 0) {
    const matched = new Set<AnyNode>();
    if (parsed.document) {
      for (const sel of spam.selectors) {
        let els = selectAll(sel, parsed.document);
        if (els.length === 0) {
          for (const shorter of relaxedSelectors(sel)) {
            els = selectAll(shorter, parsed.document);
            if (els.length > 0) {
              result.relaxed.push(sel);
              break;
            }
          }
        }
        if (els.length === 0) {
          result.unmatched.push(sel);
          continue;
        }
        if (els.every(inHead)) result.headSpam = true;
        for (const el of els) matched.add(el);
      }
    } else {
      result.unmatched.push(...spam.selectors);
    }
    const memo = new Map<AnyNode, boolean>();
    const covered = (node: AnyNode): boolean => {
      const path: AnyNode[] = [];
      let hit = false;
      for (let cur: AnyNode | null = node; cur; cur = cur.parent) {
        const known = memo.get(cur);
        if (known !== undefined) {
          hit = known;
          break;
        }
        path.push(cur);
        if (matched.has(cur)) {
          hit = true;
          break;
        }
      }
      for (const p of path) memo.set(p, hit);
      return hit;
    };
    inSpam = (span) => (span.node ? covered(span.node) : false);
  } else if (spam.lines && spam.lines.length > 0) {
    const ranges = spam.lines;
    inSpam = (span) => span.line !== undefined && ranges.some(([a, b]) => span.line! >= a && span.line! <= b);
  }

  if (inSpam) {
    for (let i = 0; i < n; i++) {
      let total = 0;
      let hit = 0;
      for (const span of parsed.spans[i] ?? []) {
        const len = span.end - span.start;
        total += len;
        if (inSpam(span)) hit += len;
      }
      const share = total > 0 ? hit / total : 0;
      // Regions add to `all`: a block is as spammy as the larger of the two.
      if (share > result.spamShare[i]) result.spamShare[i] = share;
      result.isSpam[i] = result.spamShare[i] >= SPAM_SHARE;
    }
  }
  return result;
}
