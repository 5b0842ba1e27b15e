/**
 * Hashed bag of words and character n-grams for one block: words, CJK character
 * n-grams inside Han words longer than n, and character n-grams of other words (padded with spaces),
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

/** First code unit in the CJK ideograph blocks (BMP; rarer planes fall back to Latin handling). */
function startsHan(w: string): boolean {
  const c = w.charCodeAt(0);
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

const LETTER_START = /^\p{L}/u;

/** ASCII letter, or a non-ASCII letter by the Unicode test. */
function startsLetter(w: string): boolean {
  const c = w.charCodeAt(0) | 0x20;
  if (c >= 0x61 && c <= 0x7a) return true;
  return w.charCodeAt(0) >= 0x80 && LETTER_START.test(w);
}

/** Reused for every block; the result is a copy of its filled part. */
const scratch = new Int32Array(MAX_BAG);

/** Bucket ids of the block's words and character n-grams. */
export function hashedBag(words: readonly string[], settings: TokenizerSettings): Int32Array {
  const buckets = Math.max(1, settings.bagBuckets | 0);
  const sizes = settings.charNgrams.filter((n) => Number.isInteger(n) && n >= 1 && n <= 8);
  const out = scratch;
  let k = 0;
  for (const w of words) {
    if (k >= MAX_BAG) break;
    const len = w.length;
    out[k++] = fnv1a(w, 0, len, SEED_WORD) % buckets;
    if (startsHan(w)) {
      // CJK character n-grams strictly inside longer words (a 2-character word's bigram is the word itself).
      for (const n of sizes) {
        if (n >= len) continue;
        for (let i = 0; i + n <= len && k < MAX_BAG; i++) out[k++] = fnv1a(w, i, i + n, SEED_NGRAM) % buckets;
      }
    } else if (len > 1 && startsLetter(w)) {
      // N-grams of ` ${w} `, hashed without building the padded string: unit j of it is a
      // space at both ends and w[j - 1] between.
      const plen = len + 2;
      for (const n of sizes) {
        if (n < 2) continue;
        for (let i = 0; i + n <= plen && k < MAX_BAG; i++) {
          let h = Math.imul(FNV_OFFSET ^ SEED_NGRAM, FNV_PRIME);
          for (let j = i; j < i + n; j++) h = Math.imul(h ^ (j === 0 || j === plen - 1 ? 0x20 : w.charCodeAt(j - 1)), FNV_PRIME);
          out[k++] = (h >>> 0) % buckets;
        }
      }
    }
  }
  return out.slice(0, k);
}
