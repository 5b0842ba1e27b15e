/**
 * Gibberish: doorway pages and link farms fill anchors and filler with random letter
 * strings (`nojepfxn · qsjpdufx · gyhmaac`), whose letter pairs are rare in any
 * European language. A word is scored by the mean ln P(next letter | previous letter)
 * of its letters (word boundaries included), from a table of real clean pages' words.
 */
import type { BlockEvidence } from './types.js';
import type { BlockInput, FeatureFamily } from './family.js';
import { finite } from './family.js';
import { isSpace } from '../page/whitespace.js';
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

const SLASH = 0x2f;
const AT = 0x40;
const DOT = 0x2e;

/** Per UTF-16 code unit: SPACE (the regex class \s), UPPER or LOWER (a–z), WORD (digits, `_`), else 0. */
const SPACE = 1;
const UPPER = 2;
const LOWER = 3;
const WORD = 4;
const CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (isSpace(c)) CLASS[c] = SPACE;
for (let c = 0x41; c <= 0x5a; c++) CLASS[c] = UPPER;
for (let c = 0x61; c <= 0x7a; c++) CLASS[c] = LOWER;
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = WORD;
CLASS[0x5f] = WORD;

/**
 * Whether text[start, end) is a web or mail address (`www.sxtywbl.gov.cn`, `a@b.org`, `/path`):
 * its letters are initialisms, not words.
 */
function isAddress(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === SLASH || c === AT) return true;
    if (c === DOT && i > start && i + 1 < end && CLASS[text.charCodeAt(i - 1)]! >= UPPER && CLASS[text.charCodeAt(i + 1)]! >= UPPER) return true;
  }
  return false;
}

/** Counts of one block's judged words and improbable ones, and the first improbable word. */
interface Tally {
  judged: number;
  odd: number;
  example: string | null;
}

/** Judges the a–z letter runs of text[start, end) (a piece between spaces) into the tally. */
function judgePiece(text: string, start: number, end: number, tally: Tally): void {
  let i = start;
  while (i < end && tally.judged < MAX_WORDS) {
    while (i < end) {
      const k = CLASS[text.charCodeAt(i)]!;
      if (k === UPPER || k === LOWER) break;
      i++;
    }
    const runStart = i;
    let upper = 0;
    let prev = 0;
    let sum = 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      const k = CLASS[c]!;
      if (k !== UPPER && k !== LOWER) break;
      if (k === UPPER) upper++;
      const next = (c | 0x20) - A + 1;
      sum += LETTER_PAIR_LOGP[prev * LETTER_PAIR_SIZE + next] as number;
      prev = next;
      i++;
    }
    const len = i - runStart;
    // Short runs, and acronyms (`HTML`, `NASDAQ`), are not judged.
    if (len < MIN_LETTERS || upper === len) continue;
    sum += LETTER_PAIR_LOGP[prev * LETTER_PAIR_SIZE] as number;
    tally.judged++;
    if (sum / (len + 1) < GIBBERISH_BELOW) {
      tally.odd++;
      tally.example ??= text.slice(runStart, i);
    }
  }
}

function compute(input: BlockInput, out: Float32Array, offset: number, evidence: BlockEvidence): void {
  out[offset] = 0;
  out[offset + 1] = 0;
  if (input.tokens.chars.latin === 0) return;
  const text = input.tokens.joined;
  const tally: Tally = { judged: 0, odd: 0, example: null };
  let i = 0;
  while (i < text.length && tally.judged < MAX_WORDS) {
    while (i < text.length && CLASS[text.charCodeAt(i)] === SPACE) i++;
    const start = i;
    while (i < text.length && CLASS[text.charCodeAt(i)] !== SPACE) i++;
    if (i - start >= MIN_LETTERS && !isAddress(text, start, i)) judgePiece(text, start, i, tally);
  }
  out[offset] = finite(tally.judged > 0 ? tally.odd / tally.judged : 0);
  out[offset + 1] = Math.log1p(tally.odd);
  if (tally.odd >= 2 && tally.example !== null) evidence.gibberish = tally.example;
}

export const gibberishFamily: FeatureFamily = {
  name: 'gibberish',
  columns: GIBBERISH_COLUMNS,
  compute,
};
