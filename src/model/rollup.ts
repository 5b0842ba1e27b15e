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
 */

export interface RollupSettings {
  threshold: number;
  /** Blocks shorter than this cannot alone decide the page score (unless all are). */
  minChars: number;
}

export interface PageRollup {
  score: number;
  spam: boolean;
  /** Spam characters / all characters, 0 for an empty page. */
  spamShare: number;
  /** Per block: score >= threshold. */
  blockSpam: boolean[];
}

export const DEFAULT_MIN_CHARS = 12;

/** Page score, verdict and spam share from block scores and block sizes (characters). */
export function rollupPage(
  scores: ArrayLike<number>,
  chars: ArrayLike<number>,
  settings: RollupSettings,
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
  const score = maxLong >= 0 ? maxLong : maxAll;
  return { score, spam: scores.length > 0 && score >= threshold, spamShare: total > 0 ? spamChars / total : 0, blockSpam };
}
