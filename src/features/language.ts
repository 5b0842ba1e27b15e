/**
 * Language: does the block read like sentences written for people (stop words,
 * punctuation, sentence lengths) or like a list of terms written for search engines?
 */
import type { BlockEvidence } from './types.js';
import type { BlockInput, FeatureFamily } from './family.js';
import { finite } from './family.js';
import { stopFlags } from './stopwords.js';

/** Parts shorter than this many characters count as very short. */
export const SHORT_PART_CHARS = 12;

export const LANGUAGE_COLUMNS = [
  /** share of words that are stop words (Chinese, English and fourteen more languages: see stopwords.ts) */
  'lang_stop_share',
  /** sentence-ending punctuation (。！？.!?) per 100 visible characters */
  'lang_end_punct_per_100',
  /** clause punctuation (，,、；;：:) per 100 visible characters */
  'lang_comma_per_100',
  /** log(1 + mean sentence length in characters), sentences cut at sentence-ending punctuation */
  'lang_sentence_len_log',
  /** share of visible characters that are digits */
  'lang_digit_share',
  /** share of visible characters that are letters of any alphabet or syllabary (Latin, Cyrillic, Arabic, kana, Hangul…): every letter but Han */
  'lang_alpha_share',
  /** share of visible characters that are Chinese (Han) characters */
  'lang_han_share',
  /** share of parts shorter than 12 characters (1 or 0 for a one-part block) */
  'lang_short_part_share',
  /** share of sentences after the first that start with a lowercase letter ("…the x axis. cooking fever save…"): query soup, not prose */
  'lang_lower_start_share',
] as const;

const END_PUNCT_G = /[。！？!?]|\.(?=\s|$)/gu;
const COMMA_G = /[，,、；;：:]/gu;
/** A sentence end, then the first letter of the next sentence. */
const NEXT_START_G = /[.!?]\s+["'“‘(]?(\p{L})/gu;

/** Share of the sentences following a sentence end whose first letter is lowercase (uncased scripts do not count). */
function lowerStartShare(text: string): number {
  NEXT_START_G.lastIndex = 0;
  let cased = 0;
  let lower = 0;
  for (let m = NEXT_START_G.exec(text); m !== null; m = NEXT_START_G.exec(text)) {
    const ch = m[1] as string;
    const up = ch.toUpperCase();
    const low = ch.toLowerCase();
    if (up === low) continue;
    cased++;
    if (ch === low) lower++;
  }
  return cased > 0 ? lower / cased : 0;
}

function countMatches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

function compute(input: BlockInput, out: Float32Array, offset: number, _evidence: BlockEvidence): void {
  const { words, parts, chars } = input.tokens;
  const flags = stopFlags(input.facts.vocab);
  const ids = input.facts.ids[input.position] as Int32Array;
  let stop = 0;
  for (let i = 0; i < ids.length; i++) stop += flags[ids[i] as number] as number;
  const text = input.tokens.joined;
  const visible = Math.max(chars.visible, 1);
  const ends = countMatches(END_PUNCT_G, text);
  const commas = countMatches(COMMA_G, text);
  // An unterminated tail counts as one more sentence.
  const sentences = ends + 1;
  let short = 0;
  for (const p of parts) if (p.trim().length < SHORT_PART_CHARS) short++;
  const v = [
    words.length > 0 ? stop / words.length : 0,
    (ends * 100) / visible,
    (commas * 100) / visible,
    Math.log1p(chars.visible / sentences),
    chars.digit / visible,
    (chars.latin + chars.otherLetter) / visible,
    chars.han / visible,
    parts.length > 0 ? short / parts.length : 0,
    lowerStartShare(text),
  ];
  for (let i = 0; i < v.length; i++) out[offset + i] = finite(v[i] as number);
}

export const languageFamily: FeatureFamily = {
  name: 'language',
  columns: LANGUAGE_COLUMNS,
  compute,
};
