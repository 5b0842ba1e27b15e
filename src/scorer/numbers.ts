/**
 * How scores and thresholds are written out: one place for every output (CLI text, JSON,
 * JSON Lines streams, reports, the label screen), so a threshold such as 0.985 is never
 * printed as 0.99 and every machine format rounds scores alike.
 */
import type { PageResult } from './types.js';

/** Decimals kept for scores in machine output (JSON, JSONL, CSV). */
export const SCORE_DECIMALS = 4;

/** A score rounded for machine output; non-finite numbers become 0. */
export function roundScore(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const f = 10 ** SCORE_DECIMALS;
  return Math.round(x * f) / f;
}

/**
 * A threshold as text with as many decimals as it needs, up to four (0.5, 0.985, 0.9919):
 * never rounded onto a neighbouring value a score could sit on.
 */
export function formatThreshold(t: number): string {
  if (!Number.isFinite(t)) return String(t);
  const s = String(Number(t.toFixed(4)));
  // A threshold under 0.00005 keeps two significant digits instead of reading as 0.
  return s === '0' && t !== 0 ? String(Number(t.toPrecision(2))) : s;
}

/** A copy of a page result with every score (page, blocks, title, spam share) rounded for machine output. */
export function roundedResult<T extends PageResult>(r: T): T {
  const out: T = {
    ...r,
    score: roundScore(r.score),
    spamShare: roundScore(r.spamShare),
    blocks: r.blocks.map((b) => ({ ...b, score: roundScore(b.score) })),
  };
  if (r.title) out.title = { ...r.title, score: roundScore(r.title.score) };
  return out;
}
