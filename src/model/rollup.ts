/**
 * From block scores to a page verdict — the one rule eval and the scorer share.
 *
 * A block is spam when its score reaches the threshold. The page score is the
 * highest score among blocks of at least `minChars` characters, so a tiny block —
 * a lone "»" or a price — cannot make a page spam alone. A run of adjacent blocks
 * that together reach `minChars` counts with the lowest score in it (a link farm
 * split into one block per anchor). When nothing counts, the highest of all
 * blocks is the page score. The page is spam when its score reaches the
 * threshold. `spamShare` is the share of the page's characters in spam blocks.
 *
 * The page title, scored by the same model as a one-line block, is judged against
 * its own `titleThreshold` (titles are short and read without their page, so their
 * scores sit apart from the blocks'). A spam title makes the page spam, and its score
 * enters the page score mapped so that `titleThreshold` lands on `threshold`.
 */

export interface RollupSettings {
  threshold: number;
  /** Blocks shorter than this cannot alone decide the page score (unless all are). */
  minChars: number;
  /** Title score from which the title is spam; absent: titles are not judged (models before it). */
  titleThreshold?: number;
}

export interface PageRollup {
  score: number;
  spam: boolean;
  /** Spam characters / all characters, 0 for an empty page. */
  spamShare: number;
  /** Per block: score >= threshold. */
  blockSpam: boolean[];
  /** The title's score reached titleThreshold. */
  titleSpam: boolean;
}

/** A title score on the block scale: titleThreshold maps to threshold, 0 to 0 and 1 to 1, linearly on each side. */
export function titleOnBlockScale(titleScore: number, settings: RollupSettings): number {
  const { threshold, titleThreshold: tt } = settings;
  if (tt === undefined || !(titleScore > 0)) return 0;
  if (titleScore >= tt) return tt >= 1 ? 1 : threshold + ((titleScore - tt) * (1 - threshold)) / (1 - tt);
  return (titleScore * threshold) / tt;
}

export const DEFAULT_MIN_CHARS = 12;

/** Page score, verdict and spam share from block scores, block sizes (characters) and the title's score (0: none). */
export function rollupPage(
  scores: ArrayLike<number>,
  chars: ArrayLike<number>,
  settings: RollupSettings,
  titleScore = 0,
): PageRollup {
  const { threshold, minChars } = settings;
  let maxLong = -1;
  let maxAll = 0;
  let total = 0;
  let spamChars = 0;
  const blockSpam: boolean[] = new Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    const c = chars[i];
    const spam = s >= threshold;
    blockSpam[i] = spam;
    total += c;
    if (spam) spamChars += c;
    if (s > maxAll) maxAll = s;
    if (c >= minChars) {
      if (s > maxLong) maxLong = s;
      continue;
    }
    // A short block starts a run of following blocks until they reach minChars together.
    let run = c;
    let low = s;
    for (let j = i + 1; j < scores.length && run < minChars; j++) {
      run += chars[j];
      if (scores[j] < low) low = scores[j];
    }
    if (run >= minChars && low > maxLong) maxLong = low;
  }
  const blockScore = maxLong >= 0 ? maxLong : maxAll;
  const titleSpam = settings.titleThreshold !== undefined && titleScore >= settings.titleThreshold;
  const score = Math.max(blockScore, titleOnBlockScale(titleScore, settings));
  const spam = titleSpam || (scores.length > 0 && blockScore >= threshold);
  return { score, spam, spamShare: total > 0 ? spamChars / total : 0, blockSpam, titleSpam };
}
