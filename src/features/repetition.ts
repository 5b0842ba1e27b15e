/**
 * Repetition: how much of a block is the same few words, phrases or parts over again
 * (Gopher-style word n-gram repeats, type/token ratio, compressibility).
 */
import { deflateRawSync } from 'node:zlib';
import type { BlockEvidence } from './types.js';
import type { BlockInput, FeatureFamily } from './family.js';
import { finite } from './family.js';
import { isStopWord } from './stopwords.js';
import { isNumberToken } from './tokenize.js';

/** Words of a block looked at, at most (keeps n-gram counting linear and bounded). */
export const MAX_REP_TOKENS = 2000;
/** Bytes of a block deflated, at most. */
export const MAX_DEFLATE_BYTES = 16_384;
/** Blocks shorter than this (UTF-8 bytes) are not deflated: their ratio says nothing. */
export const MIN_DEFLATE_BYTES = 64;

export const REPETITION_COLUMNS = [
  /** share of the block's words that are its most frequent word */
  'rep_top_token_share',
  /** share of the block's words that are one of its 5 most frequent words */
  'rep_top5_share',
  /** distinct words / words (1 for all-different words; low for repeated vocabulary) */
  'rep_type_token_ratio',
  /** share of word characters in occurrences of the most frequent word 2-gram (0 unless it repeats) */
  'rep_top_2gram_chars',
  /** same for the most frequent word 3-gram */
  'rep_top_3gram_chars',
  /** same for the most frequent word 4-gram */
  'rep_top_4gram_chars',
  /** share of word characters inside word 5-grams that occur more than once */
  'rep_dup_5gram_chars',
  /** same for 10-grams. (6- to 9-grams were cut: on the train split they only ever fire between the 5- and 10-gram values, tail shares 0.014–0.009.) */
  'rep_dup_10gram_chars',
  /** share of the block's parts whose text equals another part's (0 for a single part) */
  'rep_dup_part_share',
  /** deflated size / UTF-8 size of the block text (1 for blocks under 64 bytes); low = repetitive */
  'rep_compression_ratio',
] as const;

/** Word ids, counts and lengths of a block, shared by the measures below. */
interface WordIds {
  ids: Int32Array;
  lens: Int32Array;
  counts: number[];
  words: string[];
  totalChars: number;
}

function wordIds(words: readonly string[]): WordIds {
  const n = Math.min(words.length, MAX_REP_TOKENS);
  const ids = new Int32Array(n);
  const lens = new Int32Array(n);
  const index = new Map<string, number>();
  const counts: number[] = [];
  const distinct: string[] = [];
  let totalChars = 0;
  for (let i = 0; i < n; i++) {
    const w = words[i] as string;
    let id = index.get(w);
    if (id === undefined) {
      id = distinct.length;
      index.set(w, id);
      distinct.push(w);
      counts.push(0);
    }
    counts[id] = (counts[id] as number) + 1;
    ids[i] = id;
    lens[i] = w.length;
    totalChars += w.length;
  }
  return { ids, lens, counts, words: distinct, totalChars };
}

/** A 53-bit key for the word n-gram starting at i (two 32-bit multiplicative hash lanes). */
function ngramKey(ids: Int32Array, i: number, n: number): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let j = i; j < i + n; j++) {
    const id = ids[j] as number;
    a = Math.imul(a ^ id, 0x01000193);
    b = Math.imul(b ^ (id + 0x632be5ab), 0x5bd1e995);
  }
  return (a >>> 0) * 2097152 + ((b >>> 0) & 0x1fffff);
}

function countNgrams(ids: Int32Array, n: number): { keys: Float64Array; counts: Map<number, number> } {
  const windows = Math.max(0, ids.length - n + 1);
  const keys = new Float64Array(windows);
  const counts = new Map<number, number>();
  for (let i = 0; i < windows; i++) {
    const k = ngramKey(ids, i, n);
    keys[i] = k;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return { keys, counts };
}

/** Share of word characters taken by the occurrences of the most frequent n-gram. */
function topNgramChars(w: WordIds, n: number): number {
  if (w.ids.length < n * 2 || w.totalChars === 0) return 0;
  const { keys, counts } = countNgrams(w.ids, n);
  let bestKey = -1;
  let best = 1;
  for (const [k, c] of counts) {
    if (c > best) {
      best = c;
      bestKey = k;
    }
  }
  if (bestKey < 0) return 0;
  const start = keys.indexOf(bestKey);
  let chars = 0;
  for (let j = start; j < start + n; j++) chars += w.lens[j] as number;
  return Math.min(1, (chars * best) / w.totalChars);
}

/** Share of word characters covered by n-grams that occur at least twice. */
function dupNgramChars(w: WordIds, n: number): number {
  if (w.ids.length < n * 2 || w.totalChars === 0) return 0;
  const { keys, counts } = countNgrams(w.ids, n);
  const covered = new Uint8Array(w.ids.length);
  for (let i = 0; i < keys.length; i++) {
    if ((counts.get(keys[i] as number) ?? 0) > 1) covered.fill(1, i, i + n);
  }
  let chars = 0;
  for (let i = 0; i < covered.length; i++) if (covered[i]) chars += w.lens[i] as number;
  return chars / w.totalChars;
}

function dupPartShare(parts: readonly string[]): number {
  if (parts.length < 2) return 0;
  const seen = new Map<string, number>();
  for (const p of parts) {
    const k = p.trim();
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  let dup = 0;
  for (const c of seen.values()) if (c > 1) dup += c;
  return dup / parts.length;
}

function compressionRatio(text: string): number {
  let bytes = Buffer.from(text, 'utf8');
  if (bytes.length < MIN_DEFLATE_BYTES) return 1;
  if (bytes.length > MAX_DEFLATE_BYTES) bytes = bytes.subarray(0, MAX_DEFLATE_BYTES);
  return deflateRawSync(bytes, { level: 6 }).length / bytes.length;
}

function compute(input: BlockInput, out: Float32Array, offset: number, evidence: BlockEvidence): void {
  const w = wordIds(input.tokens.words);
  const total = w.ids.length;
  const sorted = w.counts.map((c, id) => ({ c, id })).sort((x, y) => y.c - x.c);
  let top5 = 0;
  for (let i = 0; i < 5 && i < sorted.length; i++) top5 += (sorted[i] as { c: number }).c;
  const v: number[] = [
    total > 0 ? ((sorted[0]?.c ?? 0) / total) : 0,
    total > 0 ? top5 / total : 0,
    total > 0 ? w.counts.length / total : 1,
    topNgramChars(w, 2),
    topNgramChars(w, 3),
    topNgramChars(w, 4),
  ];
  v.push(dupNgramChars(w, 5), dupNgramChars(w, 10));
  v.push(dupPartShare(input.tokens.parts));
  v.push(compressionRatio(input.tokens.parts.join('\n')));
  for (let i = 0; i < v.length; i++) out[offset + i] = finite(v[i] as number);

  // Evidence: the most repeated content word (not a stop word or a number).
  for (const { c, id } of sorted) {
    if (c < 2) break;
    const word = w.words[id] as string;
    if (word.length < 2) continue;
    if (isStopWord(word) || isNumberToken(word)) continue;
    evidence.topToken = word;
    evidence.topTokenCount = c;
    break;
  }
}

export const repetitionFamily: FeatureFamily = {
  name: 'repetition',
  columns: REPETITION_COLUMNS,
  compute,
};
