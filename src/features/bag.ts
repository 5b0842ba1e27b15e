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

/** Valid n-gram sizes of the settings. */
function ngramSizes(settings: TokenizerSettings): number[] {
  return settings.charNgrams.filter((n) => Number.isInteger(n) && n >= 1 && n <= 8);
}

/** Writes one word's bucket ids (word, then its n-grams) into out from k, stopping at max; returns the new k. */
function wordBuckets(w: string, buckets: number, sizes: readonly number[], out: Int32Array, k: number, max: number): number {
  const len = w.length;
  out[k++] = fnv1a(w, 0, len, SEED_WORD) % buckets;
  if (startsHan(w)) {
    // CJK character n-grams strictly inside longer words (a 2-character word's bigram is the word itself).
    for (const n of sizes) {
      if (n >= len) continue;
      for (let i = 0; i + n <= len && k < max; i++) out[k++] = fnv1a(w, i, i + n, SEED_NGRAM) % buckets;
    }
  } else if (len > 1 && startsLetter(w)) {
    // N-grams of ` ${w} `, hashed without building the padded string: unit j of it is a
    // space at both ends and w[j - 1] between.
    const plen = len + 2;
    for (const n of sizes) {
      if (n < 2) continue;
      for (let i = 0; i + n <= plen && k < max; i++) {
        let h = Math.imul(FNV_OFFSET ^ SEED_NGRAM, FNV_PRIME);
        for (let j = i; j < i + n; j++) h = Math.imul(h ^ (j === 0 || j === plen - 1 ? 0x20 : w.charCodeAt(j - 1)), FNV_PRIME);
        out[k++] = (h >>> 0) % buckets;
      }
    }
  }
  return k;
}

/** Most bucket ids one word gives: itself and, per size, at most length + 2 n-grams. */
function maxWordBuckets(w: string, sizes: readonly number[]): number {
  return 1 + sizes.length * (w.length + 2);
}

/** Bucket ids of the block's words and character n-grams. */
export function hashedBag(words: readonly string[], settings: TokenizerSettings): Int32Array {
  const buckets = Math.max(1, settings.bagBuckets | 0);
  const sizes = ngramSizes(settings);
  let k = 0;
  for (const w of words) {
    if (k >= MAX_BAG) break;
    k = wordBuckets(w, buckets, sizes, scratch, k, MAX_BAG);
  }
  return scratch.slice(0, k);
}

/**
 * Bucket ids per distinct word of one page, hashed once per word (pages repeat their words):
 * each bag of `bags(blockIds)` is exactly what hashedBag gives for the words those page word ids stand for.
 */
export class PageBags {
  private readonly buckets: number;
  private readonly sizes: number[];
  private pool = new Int32Array(8192);
  private used = 0;
  /** start[id] … start[id] + count[id] in pool; count −1 = not hashed yet. */
  private start = new Int32Array(0);
  private count = new Int32Array(0);

  constructor(private readonly words: readonly string[], settings: TokenizerSettings) {
    this.buckets = Math.max(1, settings.bagBuckets | 0);
    this.sizes = ngramSizes(settings);
  }

  private entry(id: number): void {
    if (id >= this.count.length) {
      const size = Math.max(id + 1, this.words.length, this.count.length * 2);
      const start = new Int32Array(size);
      const count = new Int32Array(size).fill(-1);
      start.set(this.start);
      count.set(this.count);
      this.start = start;
      this.count = count;
    }
    if ((this.count[id] as number) >= 0) return;
    const w = this.words[id] as string;
    const need = this.used + maxWordBuckets(w, this.sizes);
    if (need > this.pool.length) {
      const pool = new Int32Array(Math.max(need, this.pool.length * 2));
      pool.set(this.pool.subarray(0, this.used));
      this.pool = pool;
    }
    const end = wordBuckets(w, this.buckets, this.sizes, this.pool, this.used, need);
    this.start[id] = this.used;
    this.count[id] = end - this.used;
    this.used = end;
  }

  /** Entries of the bag of a block whose words have these page word ids (hashing words not seen yet). */
  private bagLength(ids: Int32Array): number {
    let k = 0;
    for (let i = 0; i < ids.length && k < MAX_BAG; i++) {
      const id = ids[i] as number;
      this.entry(id);
      k += this.count[id] as number;
    }
    return Math.min(k, MAX_BAG);
  }

  /** The bags of blocks with these page word ids, as views of one array: one typed-array allocation a page instead of one a block. */
  bags(blockIds: readonly Int32Array[]): Int32Array[] {
    let total = 0;
    for (const ids of blockIds) total += this.bagLength(ids);
    const all = new Int32Array(total);
    const out: Int32Array[] = [];
    let at = 0;
    for (const ids of blockIds) {
      const end = this.fill(ids, all, at);
      out.push(all.subarray(at, end));
      at = end;
    }
    return out;
  }

  /** Writes the bag of the ids (all hashed already) into out from at; returns its end. */
  private fill(ids: Int32Array, out: Int32Array, at: number): number {
    const max = at + MAX_BAG;
    let k = at;
    for (let i = 0; i < ids.length && k < max; i++) {
      const id = ids[i] as number;
      const from = this.start[id] as number;
      const to = from + Math.min(this.count[id] as number, max - k);
      const pool = this.pool;
      for (let j = from; j < to; j++) out[k++] = pool[j] as number;
    }
    return k;
  }
}
