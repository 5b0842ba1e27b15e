/**
 * How scores and thresholds are written out: one place for every output (CLI text, JSON,
 * JSON Lines streams, reports, the label screen), so a threshold such as 0.985 is never
 * printed as 0.99 and every machine format rounds scores alike.
 */
import type { PageResult } from './types.js';

/** Decimals kept for scores in machine output (JSON, JSONL, CSV). */
export const SCORE_DECIMALS = 4;

/** The verdict line of every shown score. */
const LINE = 0.5;

/**
 * A score rounded to `digits` decimals; non-finite numbers become 0. A score under the verdict
 * line stays under it (0.4996 is 0.499, not 0.5), so a clean block never reads as spam.
 */
export function roundScore(x: number, digits = SCORE_DECIMALS): number {
  if (!Number.isFinite(x)) return 0;
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return x < LINE && r >= LINE ? (Math.ceil(LINE * f) - 1) / f : r;
}

/** A score as a person reads it: two decimals (or `digits`), never rounded onto the verdict line from under it. */
export function formatScore(x: number, digits = 2): string {
  return roundScore(x, digits).toFixed(digits);
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
