/**
 * Facts about each distinct word of a page, by page word id, looked up once per word of the
 * vocabulary instead of once per occurrence (grows with the vocabulary, like stopFlags).
 */
import type { PageVocabulary } from './family.js';
import { stopFlags } from './stopwords.js';
import { isNumberToken } from './tokenize.js';

/** A stop word (stopwords.ts). */
export const STOP = 1;
/** A run of decimal digits (isNumberToken). */
export const NUMBER = 2;
/** Holds a decimal digit (\p{Nd}) or a surrogate somewhere. */
export const DIGIT = 4;

const DECIMAL_DIGIT = /^\p{Nd}$/u;
/** Per BMP code unit: 0 not looked up yet, 1 a decimal digit or a surrogate, 2 neither. */
const digitClass = new Uint8Array(0x10000);

/** Whether the word has a decimal digit or a surrogate (left to the caller's regex). */
function hasDigit(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const code = w.charCodeAt(i);
    let k = digitClass[code] as number;
    if (k === 0) {
      k = (code >= 0xd800 && code <= 0xdfff) || DECIMAL_DIGIT.test(String.fromCharCode(code)) ? 1 : 2;
      digitClass[code] = k;
    }
    if (k === 1) return true;
  }
  return false;
}

/**
 * One byte per word of the page vocabulary, by page word id, from `flagOf(word, id)`: kept in
 * `cache` per vocabulary and extended to the words added since the last call.
 */
export function vocabularyFlags(vocab: PageVocabulary, cache: WeakMap<PageVocabulary, Uint8Array>, flagOf: (w: string, id: number) => number): Uint8Array {
  const flags = cache.get(vocab);
  if (flags && flags.length === vocab.size) return flags;
  const from = flags?.length ?? 0;
  const grown = new Uint8Array(vocab.size);
  if (flags) grown.set(flags);
  for (let id = from; id < vocab.size; id++) grown[id] = flagOf(vocab.words[id] as string, id);
  cache.set(vocab, grown);
  return grown;
}

const pageFlags = new WeakMap<PageVocabulary, Uint8Array>();

/** STOP, NUMBER and DIGIT bits of every word of the page vocabulary, by page word id. */
export function wordFlags(vocab: PageVocabulary): Uint8Array {
  const stop = stopFlags(vocab);
  return vocabularyFlags(vocab, pageFlags, (w, id) => (stop[id] === 1 ? STOP : 0) | (isNumberToken(w) ? NUMBER : 0) | (hasDigit(w) ? DIGIT : 0));
}

/** A content word: neither a stop word nor a number. */
export function isContent(flags: number): boolean {
  return (flags & (STOP | NUMBER)) === 0;
}

/**
 * Counts by page word id over one run of words at a time (a block, an item), without a Map and
 * without clearing: a count is valid where its stamp is the run's, so reset() is O(1).
 */
export class IdCounts {
  private counts = new Int32Array(1024);
  private stamps = new Int32Array(1024);
  private stamp = 0;

  /** Starts a new run over ids below size: every count reads 0. */
  reset(size: number): void {
    if (size > this.counts.length) {
      const grown = Math.max(size, this.counts.length * 2);
      this.counts = new Int32Array(grown);
      this.stamps = new Int32Array(grown);
      this.stamp = 0;
    }
    if (++this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  get(id: number): number {
    return this.stamps[id] === this.stamp ? (this.counts[id] as number) : 0;
  }

  /** Adds one to the id's count; returns the new count. */
  add(id: number): number {
    if (this.stamps[id] !== this.stamp) {
      this.stamps[id] = this.stamp;
      this.counts[id] = 1;
      return 1;
    }
    const c = (this.counts[id] as number) + 1;
    this.counts[id] = c;
    return c;
  }
}
