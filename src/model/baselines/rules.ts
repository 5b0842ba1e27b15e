/**
 * A rules baseline on whitespace tokens, after Gopher's repetition filters (Rae et
 * al. 2021: duplicate lines, top n-gram character fraction, duplicate n-gram
 * character fraction) plus a trafilatura-style link-density cut. Each rule's
 * value is divided by its threshold; the block score is half the largest ratio,
 * capped at 1, so a block is spam (score ≥ 0.5) exactly when a rule fires.
 */

export interface RuleBlock {
  text: string;
  /** Items of the block (list items, lines); duplicate-line rule runs on them. */
  parts: readonly string[];
  chars: number;
  linkChars: number;
}

/** Thresholds from the Gopher paper (top n-grams 2–4, duplicate n-grams 5–10) and a link-density cut. */
export const RULES = {
  dupLineFraction: 0.3,
  topNgram: { 2: 0.2, 3: 0.18, 4: 0.16 } as Record<number, number>,
  dupNgram: { 5: 0.15, 6: 0.14, 7: 0.13, 8: 0.12, 9: 0.11, 10: 0.1 } as Record<number, number>,
  linkDensity: 0.5,
  /** Blocks with fewer tokens are judged on duplicate lines and link density only. */
  minTokens: 5,
};

/** Fraction of parts that repeat an earlier part. */
function dupLineFraction(parts: readonly string[]): number {
  if (parts.length < 2) return 0;
  const seen = new Set<string>();
  let dup = 0;
  for (const p of parts) {
    const k = p.trim();
    if (seen.has(k)) dup++;
    else seen.add(k);
  }
  return dup / parts.length;
}

/** Characters in the most frequent n-gram's occurrences / all word characters. */
function topNgramFraction(words: string[], n: number, totalChars: number): number {
  if (words.length < n) return 0;
  const counts = new Map<string, number>();
  let best = 0;
  let bestKey = '';
  for (let i = 0; i + n <= words.length; i++) {
    const k = words.slice(i, i + n).join(' ');
    const c = (counts.get(k) ?? 0) + 1;
    counts.set(k, c);
    if (c > best) {
      best = c;
      bestKey = k;
    }
  }
  if (best < 2) return 0;
  const gramChars = bestKey.length - (n - 1); // characters of the words, without the joining spaces
  return (best * gramChars) / totalChars;
}

/** Characters of words inside n-grams that occur more than once / all word characters. */
function dupNgramFraction(words: string[], n: number, totalChars: number): number {
  if (words.length < n) return 0;
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= words.length; i++) {
    const k = words.slice(i, i + n).join(' ');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const covered = new Uint8Array(words.length);
  for (let i = 0; i + n <= words.length; i++) {
    if ((counts.get(words.slice(i, i + n).join(' ')) ?? 0) > 1) covered.fill(1, i, i + n);
  }
  let chars = 0;
  for (let i = 0; i < words.length; i++) if (covered[i]) chars += words[i].length;
  return chars / totalChars;
}

/** The rules baseline's score for one block, in [0, 1]; ≥ 0.5 when any rule fires. */
export function rulesScore(block: RuleBlock): number {
  let ratio = dupLineFraction(block.parts) / RULES.dupLineFraction;
  if (block.chars > 0) ratio = Math.max(ratio, block.linkChars / block.chars / RULES.linkDensity);
  const words = block.text.split(/\s+/).filter(Boolean);
  if (words.length >= RULES.minTokens) {
    const total = words.reduce((s, w) => s + w.length, 0);
    for (const [n, t] of Object.entries(RULES.topNgram)) ratio = Math.max(ratio, topNgramFraction(words, Number(n), total) / t);
    for (const [n, t] of Object.entries(RULES.dupNgram)) ratio = Math.max(ratio, dupNgramFraction(words, Number(n), total) / t);
  }
  return Math.min(1, ratio / 2);
}
