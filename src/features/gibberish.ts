/**
 * Gibberish: doorway pages and link farms fill anchors and filler with random letter
 * strings (`nojepfxn · qsjpdufx · gyhmaac`), whose letter pairs are rare in any
 * European language. A word is scored by the mean ln P(next letter | previous letter)
 * of its letters (word boundaries included), from a table of real clean pages' words.
 */
import type { BlockEvidence } from './types.js';
import type { BlockInput, FeatureFamily } from './family.js';
import { finite } from './family.js';
import { LETTER_PAIR_LOGP, LETTER_PAIR_SIZE } from './data/letter-pairs.js';

export const GIBBERISH_COLUMNS = [
  /** share of the block's a–z words of 4+ letters whose letter pairs are improbable (random strings, not words) */
  'gib_word_share',
  /** log(1 + number of such improbable words) */
  'gib_words_log',
] as const;

/** Words shorter than this are not judged (abbreviations, units). */
export const MIN_LETTERS = 4;
/**
 * Mean letter-pair ln-probability below which a word counts as gibberish: 0.3–0.5% of the
 * words of clean dev pages score below it (mostly pinyin initialisms such as `sxrb`), random
 * strings −4 to −5.5.
 */
export const GIBBERISH_BELOW = -3.9;
/** Words judged per block, at most. */
const MAX_WORDS = 2000;

const A = 97;
const Z = 122;

/** Mean ln P(next | previous) over a lowercase a–z word's letters and its two boundaries; null for other words. */
export function letterPairScore(word: string): number | null {
  let prev = 0;
  let sum = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < A || c > Z) return null;
    const next = c - A + 1;
    sum += LETTER_PAIR_LOGP[prev * LETTER_PAIR_SIZE + next] as number;
    prev = next;
  }
  sum += LETTER_PAIR_LOGP[prev * LETTER_PAIR_SIZE] as number;
  return sum / (word.length + 1);
}

/** Whether a word looks like a random letter string. */
export function isGibberish(word: string): boolean {
  if (word.length < MIN_LETTERS) return false;
  const s = letterPairScore(word);
  return s !== null && s < GIBBERISH_BELOW;
}

/** A run of non-space characters that is a web or mail address (`www.sxtywbl.gov.cn`): its letters are initialisms, not words. */
const ADDRESS = /[/@]|\w\.\w/;
/** Latin letter runs of a piece of text. */
const LETTERS_G = /[A-Za-z]+/g;

function compute(input: BlockInput, out: Float32Array, offset: number, evidence: BlockEvidence): void {
  let judged = 0;
  let odd = 0;
  let example: string | null = null;
  for (const piece of input.tokens.joined.split(/\s+/)) {
    if (judged >= MAX_WORDS) break;
    if (piece.length < MIN_LETTERS || ADDRESS.test(piece)) continue;
    LETTERS_G.lastIndex = 0;
    for (let m = LETTERS_G.exec(piece); m !== null && judged < MAX_WORDS; m = LETTERS_G.exec(piece)) {
      const raw = m[0];
      // Acronyms (`HTML`, `NASDAQ`) are not words either.
      if (raw.length < MIN_LETTERS || raw === raw.toUpperCase()) continue;
      const s = letterPairScore(raw.toLowerCase());
      if (s === null) continue;
      judged++;
      if (s < GIBBERISH_BELOW) {
        odd++;
        example ??= raw;
      }
    }
  }
  out[offset] = finite(judged > 0 ? odd / judged : 0);
  out[offset + 1] = Math.log1p(odd);
  if (odd >= 2 && example !== null) evidence.gibberish = example;
}

export const gibberishFamily: FeatureFamily = {
  name: 'gibberish',
  columns: GIBBERISH_COLUMNS,
  compute,
};
