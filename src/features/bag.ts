/**
 * Hashed bag of words and character n-grams for one block: words, CJK character
 * n-grams over Han words, and character n-grams of Latin words (padded with spaces),
 * hashed with FNV-1a 32-bit into `bagBuckets` buckets. Repeats are kept.
 */
import type { TokenizerSettings } from './types.js';

/** Bag entries per block at most. */
export const MAX_BAG = 4096;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Seeds keep words and n-grams of the same characters apart. */
const SEED_WORD = 0x77;
const SEED_NGRAM = 0x6e;

/** FNV-1a 32-bit over UTF-16 units of s[start, end), after a one-unit seed. Unsigned result. */
export function fnv1a(s: string, start = 0, end = s.length, seed = 0): number {
  let h = FNV_OFFSET;
  if (seed !== 0) h = Math.imul(h ^ seed, FNV_PRIME);
  for (let i = start; i < end; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  }
  return h >>> 0;
}

const HAN_CHAR = /^\p{Script=Han}/u;
const LETTER_START = /^\p{L}/u;

/** Bucket ids of the block's words and character n-grams. */
export function hashedBag(words: readonly string[], settings: TokenizerSettings): Int32Array {
  const buckets = Math.max(1, settings.bagBuckets | 0);
  const sizes = settings.charNgrams.filter((n) => Number.isInteger(n) && n >= 1 && n <= 8);
  const out = new Int32Array(MAX_BAG);
  let k = 0;
  for (const w of words) {
    if (k >= MAX_BAG) break;
    out[k++] = fnv1a(w, 0, w.length, SEED_WORD) % buckets;
    if (HAN_CHAR.test(w)) {
      // CJK character n-grams within the word (single characters for n = 1).
      for (const n of sizes) {
        for (let i = 0; i + n <= w.length && k < MAX_BAG; i++) out[k++] = fnv1a(w, i, i + n, SEED_NGRAM) % buckets;
      }
    } else if (LETTER_START.test(w) && w.length > 1) {
      const padded = ` ${w} `;
      for (const n of sizes) {
        if (n < 2) continue;
        for (let i = 0; i + n <= padded.length && k < MAX_BAG; i++) out[k++] = fnv1a(padded, i, i + n, SEED_NGRAM) % buckets;
      }
    }
  }
  return out.slice(0, k);
}
