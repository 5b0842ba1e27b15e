/**
 * Grouped folds for cross-validation: every page of one group (a site, or a spam campaign or
 * brand: labels' `group`) lands in the same fold, so a model judged on a fold never saw its
 * sites. Folds are balanced on spam groups first, then on pages, and fixed for a seed.
 */
import { createHash } from 'node:crypto';
import type { PreparedPage } from './dataset.js';

/** The group a page belongs to: its label's group, else the page alone. */
export function groupOf(page: Pick<PreparedPage, 'group' | 'corpus' | 'file'>): string {
  return page.group ?? `${page.corpus}:${page.file}`;
}

function hashKey(s: string, seed: number): string {
  return createHash('sha1').update(`${seed}:${s}`).digest('hex');
}

/**
 * Fold index (0..k-1) per page. Groups holding spam are dealt out first, largest first, each
 * to the fold with the fewest spam pages so far; then clean groups, each to the fold with the
 * fewest pages (ties by a seeded hash, so the assignment does not follow file order).
 */
export function assignFolds(pages: readonly Pick<PreparedPage, 'group' | 'corpus' | 'file' | 'label'>[], k: number, seed = 1): number[] {
  if (!(k >= 2)) throw new RangeError(`folds must be 2 or more, got ${k}`);
  const groups = new Map<string, number[]>();
  pages.forEach((p, i) => {
    const g = groupOf(p);
    const list = groups.get(g);
    if (list) list.push(i);
    else groups.set(g, [i]);
  });
  const spamIn = (idx: number[]) => idx.filter((i) => pages[i].label !== 'clean').length;
  const order = [...groups.entries()].sort(([a, ia], [b, ib]) => {
    const d = spamIn(ib) - spamIn(ia) || ib.length - ia.length;
    return d !== 0 ? d : hashKey(a, seed) < hashKey(b, seed) ? -1 : 1;
  });
  const spamCount = new Array<number>(k).fill(0);
  const pageCount = new Array<number>(k).fill(0);
  const fold = new Array<number>(pages.length);
  for (const [name, idx] of order) {
    const spam = spamIn(idx);
    let best = 0;
    for (let f = 1; f < k; f++) {
      const better = spam > 0
        ? spamCount[f] < spamCount[best] || (spamCount[f] === spamCount[best] && pageCount[f] < pageCount[best])
        : pageCount[f] < pageCount[best];
      if (better) best = f;
    }
    // Among equally filled folds, a seeded pick keeps groups of one source from lining up in fold 0.
    const ties = [];
    for (let f = 0; f < k; f++) if (spamCount[f] === spamCount[best] && pageCount[f] === pageCount[best]) ties.push(f);
    const chosen = ties[parseInt(hashKey(name, seed).slice(0, 8), 16) % ties.length];
    spamCount[chosen] += spam;
    pageCount[chosen] += idx.length;
    for (const i of idx) fold[i] = chosen;
  }
  return fold;
}
