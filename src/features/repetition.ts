/**
 * Repetition: how much of a block is the same few words, phrases or parts over again
 * (Gopher-style word n-gram repeats, type/token ratio, compressibility).
 */
import { constants as zconst, createDeflateRaw, deflateRawSync } from 'node:zlib';
import type { BlockEvidence } from './types.js';
import type { BlockInput, FeatureFamily, PageFacts } from './family.js';
import { finite } from './family.js';
import { isStopWord } from './stopwords.js';
import { isNumberToken, type BlockTokens } from './tokenize.js';

/** Words of a block looked at, at most (keeps n-gram counting linear and bounded). */
export const MAX_REP_TOKENS = 2000;
/** Bytes of a block deflated, at most. */
export const MAX_DEFLATE_BYTES = 4096;
/** Blocks shorter than this (UTF-8 bytes) are not deflated: the deflate framing dominates their ratio. */
export const MIN_DEFLATE_BYTES = 128;

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
  /** deflated size (zlib level 1, first 4 KB) / UTF-8 size of the block text (1 for blocks under 128 bytes); low = repetitive */
  'rep_compression_ratio',
] as const;

/**
 * Word ids, counts and lengths of a block, shared by the measures below: the first n entries
 * of ids and lens, and the first `distinct` of counts and first, are the block's (the arrays are
 * scratch reused for every block; one block at a time).
 */
interface WordIds {
  n: number;
  distinct: number;
  /** Block-local word ids (0, 1, … in order of first appearance). */
  ids: Int32Array;
  lens: Int32Array;
  /** counts[id]: occurrences of word id. */
  counts: Int32Array;
  /** first[id]: position of the first occurrence of word id in words. */
  first: Int32Array;
  totalChars: number;
}

/** The one WordIds, refilled for every block. */
const wordScratch: WordIds = {
  n: 0,
  distinct: 0,
  ids: new Int32Array(MAX_REP_TOKENS),
  lens: new Int32Array(MAX_REP_TOKENS),
  counts: new Int32Array(MAX_REP_TOKENS),
  first: new Int32Array(MAX_REP_TOKENS),
  totalChars: 0,
};
/** Page word id → block-local id, valid where localStamp equals the block's stamp (no per-block Map). */
let localOf = new Int32Array(4096);
let localStamp = new Int32Array(4096);
let blockStamp = 0;

/** Block-local ids of the block's first MAX_REP_TOKENS words, from their page-wide ids. */
function wordIds(words: readonly string[], pageIds: Int32Array, vocabSize: number): WordIds {
  if (localOf.length < vocabSize) {
    const size = Math.max(vocabSize, localOf.length * 2);
    localOf = new Int32Array(size);
    localStamp = new Int32Array(size);
    blockStamp = 0;
  }
  if (++blockStamp === 0x7fffffff) {
    localStamp.fill(0);
    blockStamp = 1;
  }
  const w = wordScratch;
  const { ids, lens, counts, first } = w;
  const n = Math.min(words.length, MAX_REP_TOKENS);
  let distinct = 0;
  let totalChars = 0;
  for (let i = 0; i < n; i++) {
    const p = pageIds[i] as number;
    let id: number;
    if (localStamp[p] !== blockStamp) {
      localStamp[p] = blockStamp;
      id = distinct++;
      localOf[p] = id;
      counts[id] = 0;
      first[id] = i;
    } else id = localOf[p] as number;
    counts[id] = (counts[id] as number) + 1;
    ids[i] = id;
    const len = (words[i] as string).length;
    lens[i] = len;
    totalChars += len;
  }
  w.n = n;
  w.distinct = distinct;
  w.totalChars = totalChars;
  return w;
}

/**
 * Counting word n-grams without allocating: an open-addressing table of 32-bit n-gram
 * hashes, reused for every call (slots are "cleared" by bumping a stamp). 8192 slots for at
 * most MAX_REP_TOKENS windows keeps the load under 1/4. A 32-bit collision between two
 * different n-grams of one block is possible but rare enough not to matter for a share.
 */
const TABLE_SIZE = 8192;
const TABLE_MASK = TABLE_SIZE - 1;
const tableKeys = new Int32Array(TABLE_SIZE);
const tableCounts = new Int32Array(TABLE_SIZE);
const tableStamps = new Int32Array(TABLE_SIZE);
const windowSlots = new Int32Array(MAX_REP_TOKENS);
let stamp = 0;

/** Counts the n-grams of ids[0, len); afterwards tableCounts[windowSlots[i]] is the count of the n-gram at i. Returns the window count. */
function countNgrams(ids: Int32Array, len: number, n: number): number {
  const windows = Math.max(0, len - n + 1);
  stamp++;
  if (stamp === 0x7fffffff) {
    tableStamps.fill(0);
    stamp = 1;
  }
  for (let i = 0; i < windows; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + n; j++) h = Math.imul(h ^ (ids[j] as number), 0x01000193);
    h ^= h >>> 15;
    let slot = Math.imul(h, 0x2c1b3c6d) >>> 19;
    while (tableStamps[slot] === stamp && tableKeys[slot] !== h) slot = (slot + 1) & TABLE_MASK;
    if (tableStamps[slot] !== stamp) {
      tableStamps[slot] = stamp;
      tableKeys[slot] = h;
      tableCounts[slot] = 0;
    }
    tableCounts[slot] = (tableCounts[slot] as number) + 1;
    windowSlots[i] = slot;
  }
  return windows;
}

/** Share of word characters taken by the occurrences of the most frequent n-gram. */
function topNgramChars(w: WordIds, n: number): number {
  if (w.n < n * 2 || w.totalChars === 0) return 0;
  const windows = countNgrams(w.ids, w.n, n);
  let start = -1;
  let best = 1;
  for (let i = 0; i < windows; i++) {
    const c = tableCounts[windowSlots[i] as number] as number;
    if (c > best) {
      best = c;
      start = i;
    }
  }
  if (start < 0) return 0;
  let chars = 0;
  for (let j = start; j < start + n; j++) chars += w.lens[j] as number;
  return Math.min(1, (chars * best) / w.totalChars);
}

/** Share of word characters covered by n-grams that occur at least twice. */
function dupNgramChars(w: WordIds, n: number): number {
  if (w.n < n * 2 || w.totalChars === 0) return 0;
  const windows = countNgrams(w.ids, w.n, n);
  let chars = 0;
  let coveredTo = 0; // positions below this are already counted
  for (let i = 0; i < windows; i++) {
    if ((tableCounts[windowSlots[i] as number] as number) < 2) continue;
    for (let j = Math.max(i, coveredTo); j < i + n; j++) chars += w.lens[j] as number;
    coveredTo = i + n;
  }
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

/**
 * Deflated size of bytes[0, len) at level 1 (raw deflate, default window and memory): the
 * same size deflateRawSync(…, { level: 1 }) gives. deflateRawSync builds a zlib stream per
 * call (buffers, hash tables); resetting one stream per block is ~2× cheaper. A reset keeps
 * the old window bytes, and Node's zlib (Chromium's) can read a few of them past the end of
 * the input where a fresh stream reads zeros. So the window must be zeros past the input when
 * a block is deflated: the stream remembers how far earlier inputs reached (`dirty`), and
 * only when that is past the new input's end is the used part of the window overwritten
 * with zeros first (deflating zeros is cheap; a block at least as long as every block since
 * the last clean-up overwrites all of it anyway). This uses Node's zlib handle
 * (`_handle.reset/writeSync`, `_writeState`), so it is checked against deflateRawSync first
 * and falls back to it if that interface is missing or any answer disagrees.
 */
interface DeflateHandle {
  reset(): void;
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
}
interface Deflater {
  handle: DeflateHandle;
  state: Uint32Array;
  out: Buffer;
  zeros: Buffer;
  /** Window bytes [0, dirty) may hold an earlier input's bytes; past dirty the window is zeros. */
  dirty: number;
}
let deflater: Deflater | null | undefined;

function reusedDeflater(): Deflater | null {
  if (deflater !== undefined) return deflater;
  deflater = null;
  try {
    const stream = createDeflateRaw({ level: 1 }) as unknown as { _handle?: DeflateHandle; _writeState?: Uint32Array };
    const handle = stream._handle;
    const state = stream._writeState;
    if (handle && typeof handle.reset === 'function' && typeof handle.writeSync === 'function' && state instanceof Uint32Array) {
      const d: Deflater = { handle, state, out: Buffer.allocUnsafe(2 * MAX_DEFLATE_BYTES + 1024), zeros: Buffer.alloc(MAX_DEFLATE_BYTES), dirty: 0 };
      const samples = [
        Buffer.from('模板 template 模板 template 1234 '.repeat(40), 'utf8'),
        Buffer.from('abcabcabd xyz '.repeat(9), 'utf8'),
        Buffer.from('网络公司选择9火星下拉 '.repeat(300), 'utf8').subarray(0, MAX_DEFLATE_BYTES),
      ];
      let ok = true;
      for (const b of [...samples, ...samples]) if (reusedSize(d, b, b.length) !== deflateRawSync(b, { level: 1 }).length) ok = false;
      deflater = ok ? d : null;
    }
  } catch {
    deflater = null;
  }
  return deflater;
}

/** One deflate on the reused stream (len at most MAX_DEFLATE_BYTES); -1 if it did not finish. */
function reusedSize(d: Deflater, bytes: Uint8Array, len: number): number {
  if (d.dirty > len) {
    // Earlier bytes lie past this input's end: make the window as a fresh stream has it (zeros) there.
    d.handle.reset();
    d.handle.writeSync(zconst.Z_FINISH, d.zeros, 0, d.dirty, d.out, 0, d.out.length);
    d.dirty = 0;
  }
  d.handle.reset();
  d.handle.writeSync(zconst.Z_FINISH, bytes, 0, len, d.out, 0, d.out.length);
  // state = [avail_out, avail_in] after the call; all input taken means the stream finished.
  const size = d.state[1] === 0 ? d.out.length - (d.state[0] as number) : -1;
  if (len > d.dirty) d.dirty = len;
  return size;
}

function deflatedSize(bytes: Buffer, len: number): number {
  const d = reusedDeflater();
  if (d) {
    const size = reusedSize(d, bytes, len);
    if (size >= 0) return size;
  }
  return deflateRawSync(bytes.subarray(0, len), { level: 1 }).length;
}

/** UTF-8 of a block's text, first MAX_DEFLATE_BYTES bytes (+3 so a character cut at the limit is written whole). */
const utf8Scratch = Buffer.allocUnsafe(MAX_DEFLATE_BYTES + 3);

function compressionRatio(text: string): number {
  // UTF-8 takes 1–3 bytes per UTF-16 unit: decide the short case without encoding.
  if (text.length * 3 < MIN_DEFLATE_BYTES) return 1;
  // write() stops before a character that does not fit (≤ 4 bytes), so when the text is longer
  // than the limit at least MAX_DEFLATE_BYTES bytes are written, and they are the text's own
  // first bytes (what cutting its full encoding would give).
  const written = utf8Scratch.write(text, 0, utf8Scratch.length, 'utf8');
  if (written < MIN_DEFLATE_BYTES) return 1;
  const len = Math.min(written, MAX_DEFLATE_BYTES);
  return deflatedSize(utf8Scratch, len) / len;
}

/** UTF-8 bytes compressionRatio deflates of a text: 0 when it deflates nothing (ratio 1). */
function deflateLength(text: string): number {
  if (text.length * 3 < MIN_DEFLATE_BYTES) return 0;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes < MIN_DEFLATE_BYTES ? 0 : Math.min(bytes, MAX_DEFLATE_BYTES);
}

const pageRatios = new WeakMap<PageFacts, Float64Array>();

/**
 * compressionRatio of every block of the page, computed for the whole page at once and
 * shortest input first: then no input is shorter than the one before, so reusedSize need
 * not zero the window before each (in document order about half the blocks needed it).
 * Each ratio depends on its text alone, so the order changes no value.
 */
function pageCompressionRatios(facts: PageFacts): Float64Array {
  let ratios = pageRatios.get(facts);
  if (ratios) return ratios;
  const n = facts.tokens.length;
  ratios = new Float64Array(n).fill(1);
  const lengths = new Int32Array(n);
  const order: number[] = [];
  for (let b = 0; b < n; b++) {
    lengths[b] = deflateLength((facts.tokens[b] as BlockTokens).joined);
    if ((lengths[b] as number) > 0) order.push(b);
  }
  order.sort((a, b) => (lengths[a] as number) - (lengths[b] as number));
  for (const b of order) ratios[b] = compressionRatio((facts.tokens[b] as BlockTokens).joined);
  pageRatios.set(facts, ratios);
  return ratios;
}

/** The block's compressionRatio, from its page's (when the input is a block of facts.tokens). */
function blockCompressionRatio(input: BlockInput): number {
  if (input.facts.tokens[input.position] !== input.tokens) return compressionRatio(input.tokens.joined);
  return pageCompressionRatios(input.facts)[input.position] as number;
}

/**
 * Words seen more than once, most frequent first, ties in order of first appearance (as a
 * stable sort of the ids by count gives them): sort keys (MAX_REP_TOKENS − count) · 4096 + id
 * in repeatedKeys[0, returned length). Ids and counts are at most MAX_REP_TOKENS (< 4096).
 */
const repeatedKeys = new Int32Array(MAX_REP_TOKENS);

function repeatedWords(w: WordIds): Int32Array {
  let k = 0;
  for (let id = 0; id < w.distinct; id++) {
    const c = w.counts[id] as number;
    if (c > 1) repeatedKeys[k++] = (MAX_REP_TOKENS - c) * 4096 + id;
  }
  return repeatedKeys.subarray(0, k).sort();
}

/** Count of the repeated word behind a sort key. */
function keyCount(key: number): number {
  return MAX_REP_TOKENS - Math.floor(key / 4096);
}

function compute(input: BlockInput, out: Float32Array, offset: number, evidence: BlockEvidence): void {
  const w = wordIds(input.tokens.words, input.facts.ids[input.position] as Int32Array, input.facts.vocab.size);
  const total = w.n;
  const repeated = repeatedWords(w);
  // The 5 most frequent words: the repeated ones first, then words seen once fill up to 5.
  let top5 = 0;
  for (let i = 0; i < 5 && i < repeated.length; i++) top5 += keyCount(repeated[i] as number);
  top5 += Math.max(0, Math.min(5 - repeated.length, w.distinct - repeated.length));
  const top1 = repeated.length > 0 ? keyCount(repeated[0] as number) : total > 0 ? 1 : 0;
  // An n-gram can repeat only if the (n-1)-gram inside it does: stop at the first size without repeats.
  const top2 = repeated.length > 0 ? topNgramChars(w, 2) : 0;
  const top3 = top2 > 0 ? topNgramChars(w, 3) : 0;
  const top4 = top3 > 0 ? topNgramChars(w, 4) : 0;
  const dup5 = top4 > 0 ? dupNgramChars(w, 5) : 0;
  const dup10 = dup5 > 0 ? dupNgramChars(w, 10) : 0;
  out[offset] = finite(total > 0 ? top1 / total : 0);
  out[offset + 1] = finite(total > 0 ? top5 / total : 0);
  out[offset + 2] = finite(total > 0 ? w.distinct / total : 1);
  out[offset + 3] = finite(top2);
  out[offset + 4] = finite(top3);
  out[offset + 5] = finite(top4);
  out[offset + 6] = finite(dup5);
  out[offset + 7] = finite(dup10);
  out[offset + 8] = finite(dupPartShare(input.tokens.parts));
  out[offset + 9] = finite(blockCompressionRatio(input));

  // Evidence: the most repeated content word (not a stop word or a number).
  for (let i = 0; i < repeated.length; i++) {
    const key = repeated[i] as number;
    const word = input.tokens.words[w.first[key % 4096] as number] as string;
    if (word.length < 2) continue;
    if (isStopWord(word) || isNumberToken(word)) continue;
    evidence.topToken = word;
    evidence.topTokenCount = keyCount(key);
    break;
  }
}

export const repetitionFamily: FeatureFamily = {
  name: 'repetition',
  columns: REPETITION_COLUMNS,
  compute,
};
