/**
 * Templates: keyword lists built from one phrase pattern with varying slots
 * (`宜宾网络公司选择9火星下拉 酒泉网络公司优选12火星 …`: city + keyword + verb + number + brand).
 * Exact-repeat counters miss them because the slots vary; here the block is cut into
 * items, numbers and rare words are masked, and we measure how many items share a skeleton.
 *
 * On the corpus's train split these columns barely move the block AUC (≈0.50): its only
 * templated keyword list is the seed's (4 spam blocks of 656; the rest are spun prose of
 * all-spam pages). They are kept for that case, which nothing else catches: on the seed's
 * keyword line skeleton share is 0.83 (167 of 201 items) against 0 in every article paragraph,
 * and on the clean train blocks its 99th percentile is 0.375 (see scripts/report-features.mjs).
 */
import type { BlockEvidence } from './types.js';
import type { BlockInput, FeatureFamily } from './family.js';
import { finite } from './family.js';
import { DIGIT, IdCounts, isContent, NUMBER as NUMBER_FLAG, STOP, wordFlags } from './word-flags.js';

/** Items looked at per block, at most. */
export const MAX_ITEMS = 300;
/** Words per item looked at, at most. */
export const MAX_ITEM_WORDS = 40;
/** Delimiter cuts are used when they give at least this many items of at most this mean length. */
const MIN_DELIM_ITEMS = 3;
/** Skeleton and affix shares need this many items: three-part parallel phrases (`大公园，小公园，…`) are ordinary writing. */
export const MIN_TEMPLATE_ITEMS = 4;
const MAX_DELIM_MEAN_CHARS = 40;
/** An anchor word (n-gram) must repeat this often, at least once per this many characters. */
const MIN_ANCHOR_COUNT = 4;
const MAX_ANCHOR_GAP_CHARS = 30;
/**
 * A word is a fixed part of the skeleton when it is in at least this share of items (and in 3):
 * slot words drawn from a small set (`选择`/`首选`/`就找` before the number) stay slots.
 */
const FIXED_DF_SHARE = 0.3;
const FIXED_DF_MIN = 3;

export const SLOT = '{*}';
export const NUMBER = '{N}';

export const TEMPLATE_COLUMNS = [
  /** log(1 + number of items the block was cut into) */
  'tpl_items_log',
  /** 1 when the block had no separators and was cut at a densely repeated word (run-on keyword line) */
  'tpl_cut_anchor',
  /** share of the other items that follow the most common skeleton: (count − 1) / (items − 1), words in few items and numbers masked; 0 under 4 items */
  'tpl_skeleton_share',
  /** log(1 + number of items following the most common skeleton): brand menus (`网易新闻 网易公开课 …`) have a handful, keyword lists dozens */
  'tpl_template_items_log',
  /** distinct skeletons / items (1 when every item differs; low for templated lists) */
  'tpl_skeletons_per_item',
  /** share of the other items beginning with the most common first content word or ending with the most common last one: (count − 1) / (items − 1) */
  'tpl_affix_share',
  /** share of items with a number inside a Chinese phrase (`选择9火星`, `就找17火星`; not dates, ordinals or counts like `2024年`, `第3届`, `5个`) */
  'tpl_num_phrase_share',
  /** log(1 + mean item length in characters) */
  'tpl_item_len_log',
  /** coefficient of variation of item lengths (low = uniform items) */
  'tpl_item_len_cv',
] as const;

/** A block cut into items: each item's words (and their page word ids) and characters. */
export interface Items {
  /** Each item's words (read, never changed: an item may share the array of its part's words). */
  words: string[][];
  /** Page word ids of each item's words (ids[i][j] for words[i][j]). */
  ids: Int32Array[];
  chars: number[];
  mode: 'single' | 'parts' | 'delimiters' | 'anchor';
  /** The repeated word the block was cut at (anchor mode). */
  anchor?: string;
}

/**
 * Item delimiters, as the regex
 * /\s*[|｜、,，;；•·]\s*|(?<=[\p{Script=Han}\p{N}])\s+(?=[\p{Script=Han}\p{N}])/u
 * would find them left to right (see findDelimiter, which scans for them without the regex).
 */
const DELIMITER_CHARS = '|｜、,，;；•·';
const SPACE_CHAR = /^\s$/u;
const HAN_OR_NUMBER = /^[\p{Script=Han}\p{N}]$/u;
/** Per BMP code unit, bit flags (filled on first sight): known, \s, list delimiter, Han or number. */
const KNOWN = 1;
const SPACE = 2;
const DELIM = 4;
const HAN_NUM = 8;
const charFlags = new Uint8Array(0x10000);

/** Flags of one code point by the regexes (a lone surrogate is a code point of its own, and none of these). */
function flagsOf(code: number): number {
  if (code < 0x10000 && (charFlags[code] as number) !== 0) return charFlags[code] as number;
  const ch = String.fromCodePoint(code);
  let f = KNOWN;
  if (SPACE_CHAR.test(ch)) f |= SPACE;
  if (code < 0x10000 && DELIMITER_CHARS.includes(ch)) f |= DELIM;
  if (HAN_OR_NUMBER.test(ch)) f |= HAN_NUM;
  if (code < 0x10000) charFlags[code] = f;
  return f;
}

/** Code point starting at i (a surrogate pair read whole). */
function codePointAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const lo = text.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return ((code - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
  }
  return code;
}

/** Code point ending just before i (a surrogate pair read whole, as a /u lookbehind reads it). */
function codePointBefore(text: string, i: number): number {
  const code = text.charCodeAt(i - 1);
  if (code >= 0xdc00 && code <= 0xdfff && i >= 2) {
    const hi = text.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return ((hi - 0xd800) << 10) + (code - 0xdc00) + 0x10000;
  }
  return code;
}

/** The next delimiter at or after from: sets found[0], found[1] to its [start, end) and returns true, or returns false. */
function findDelimiter(text: string, from: number, found: Int32Array): boolean {
  const n = text.length;
  let p = from;
  while (p < n) {
    const f = flagsOf(text.charCodeAt(p));
    if ((f & DELIM) !== 0) {
      found[0] = p;
      found[1] = spaceEnd(text, p + 1);
      return true;
    }
    if ((f & SPACE) === 0) {
      p++;
      continue;
    }
    // A run of spaces: a delimiter when a list delimiter follows it, or when it sits between Han characters or numbers.
    const end = spaceEnd(text, p);
    if (end < n && (flagsOf(text.charCodeAt(end)) & DELIM) !== 0) {
      found[0] = p;
      found[1] = spaceEnd(text, end + 1);
      return true;
    }
    if (p > 0 && end < n && (flagsOf(codePointBefore(text, p)) & HAN_NUM) !== 0 && (flagsOf(codePointAt(text, end)) & HAN_NUM) !== 0) {
      found[0] = p;
      found[1] = end;
      return true;
    }
    p = end;
  }
  return false;
}

/** End of the run of \s characters starting at i (all of them BMP). */
function spaceEnd(text: string, i: number): number {
  while (i < text.length && (flagsOf(text.charCodeAt(i)) & SPACE) !== 0) i++;
  return i;
}

/** Every delimiter of the text as [start, end), left to right (what the regex's matchAll gives; for tests). */
export function delimiterSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const found = new Int32Array(2);
  for (let from = 0; findDelimiter(text, from, found); from = found[1] as number) spans.push([found[0] as number, found[1] as number]);
  return spans;
}

/** Scratch for findDelimiter's answer. */
const delimiterFound = new Int32Array(2);

/**
 * A number inside a Chinese phrase (`选择9火星`): Han + digits + Han, except ordinals (`第3届`)
 * and numbers with a unit, date or measure word after them (`2024年`, `3个`, `5万`), which
 * ordinary Chinese text is full of.
 */
const NUM_IN_PHRASE = /(?<!第)\p{Script=Han}\p{Nd}+(?![年月日号时点分秒个元万亿千百岁米天周期次名位条家人件种度楼层届版章节集期只台辆套所项场页])\p{Script=Han}/u;

/** False only when no word has a decimal digit (nor a surrogate, left to the regex): then NUM_IN_PHRASE cannot match. */
function mayHaveDigit(ids: Int32Array, flags: Uint8Array): boolean {
  for (let i = 0; i < ids.length; i++) if (((flags[ids[i] as number] as number) & DIGIT) !== 0) return true;
  return false;
}

/** The block's items (cutItems), cut once per block and kept on its input for the families that read items. */
export function blockItems(input: BlockInput): Items {
  input.items ??= cutItems(input.tokens.parts, input.tokens.partWords, input.facts.ids[input.position] as Int32Array, wordFlags(input.facts.vocab));
  return input.items;
}

/** An item's first MAX_ITEM_WORDS words (the array itself when it is no longer). */
function itemWords(words: string[]): string[] {
  return words.length > MAX_ITEM_WORDS ? words.slice(0, MAX_ITEM_WORDS) : words;
}

/**
 * Cut a block into items: its parts; else by delimiters; else at a densely repeated word.
 * `ids` are the page word ids of all the block's words (the parts' words one after another),
 * `flags` the page's wordFlags.
 */
export function cutItems(parts: readonly string[], partWords: readonly string[][], ids: Int32Array, flags: Uint8Array): Items {
  if (parts.length >= 2) {
    const n = Math.min(parts.length, MAX_ITEMS);
    const words: string[][] = [];
    const itemIds: Int32Array[] = [];
    const chars: number[] = [];
    let at = 0;
    for (let i = 0; i < n; i++) {
      const w = partWords[i];
      if (w !== undefined) {
        words.push(itemWords(w));
        itemIds.push(ids.subarray(at, at + Math.min(w.length, MAX_ITEM_WORDS)));
        at += w.length;
      }
      chars.push((parts[i] as string).length);
    }
    return { words, ids: itemIds, chars, mode: 'parts' };
  }
  const text = parts[0] ?? '';
  const words = partWords[0] ?? [];
  const whole: Items = { words: [itemWords(words)], ids: [ids.subarray(0, Math.min(words.length, MAX_ITEM_WORDS))], chars: [text.length], mode: 'single' };
  // Fewer words than the smallest list: nothing to cut.
  if (words.length < MIN_DELIM_ITEMS) return whole;
  // Running prose (two or more sentence ends) is not a list: left whole.
  if (sentenceEnds(text) >= 2) return whole;
  return cutAtDelimiters(text, words, ids) ?? cutAtAnchor(text, words, ids, flags) ?? whole;
}

/** Sentence ends (。！？ anywhere, . ! ? before a space), counted up to 2. */
function sentenceEnds(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length && n < 2; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3002 || c === 0xff01 || c === 0xff1f) n++;
    else if ((c === 0x2e || c === 0x21 || c === 0x3f) && text.charCodeAt(i + 1) === 0x20) n++;
  }
  return n;
}

function cutAtDelimiters(text: string, words: readonly string[], ids: Int32Array): Items | null {
  // Piece boundaries (end offsets) in the text.
  const ends: number[] = [];
  const lens: number[] = [];
  let last = 0;
  let any = false;
  for (let from = 0; findDelimiter(text, from, delimiterFound); from = delimiterFound[1] as number) {
    any = true;
    const index = delimiterFound[0] as number;
    if (index > last) {
      ends.push(index);
      lens.push(index - last);
    }
    last = delimiterFound[1] as number;
    if (ends.length > MAX_ITEMS) break;
  }
  if (!any) return null;
  if (last < text.length && ends.length <= MAX_ITEMS) {
    ends.push(text.length);
    lens.push(text.length - last);
  }
  if (ends.length < MIN_DELIM_ITEMS) return null;
  const mean = lens.reduce((a, b) => a + b, 0) / lens.length;
  if (mean > MAX_DELIM_MEAN_CHARS) return null;
  // Assign words to pieces by finding them, in order, in the lowercased text.
  const lower = text.toLowerCase();
  const items: string[][] = ends.map(() => []);
  // Pieces only move forward, so the ids of the words kept are each piece's, one piece after another.
  const kept = new Int32Array(words.length);
  let k = 0;
  let cursor = 0;
  let piece = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const at = lower.indexOf(w, cursor);
    if (at >= 0 && at - cursor < 200) cursor = at + w.length;
    while (piece < ends.length - 1 && cursor > (ends[piece] as number)) piece++;
    const item = items[piece] as string[];
    if (item.length < MAX_ITEM_WORDS) {
      item.push(w);
      kept[k++] = ids[i] as number;
    }
  }
  const n = Math.min(items.length, MAX_ITEMS);
  return { words: items.slice(0, n), ids: idsOfItems(items, kept, n), chars: lens.slice(0, n), mode: 'delimiters' };
}

/** Views of `kept` (the ids of the items' words, items one after another) for the first n items. */
function idsOfItems(items: readonly string[][], kept: Int32Array, n: number): Int32Array[] {
  const out: Int32Array[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const len = (items[i] as string[]).length;
    out.push(kept.subarray(at, at + len));
    at += len;
  }
  return out;
}

/** Occurrences per page word id in one block (cutAtAnchor), and items holding a word (skeletons). */
const blockCounts = new IdCounts();
const itemCounts = new IdCounts();
const inItem = new IdCounts();

/** The run-on case: cut before each occurrence of the most frequent content word (or word pair). */
function cutAtAnchor(text: string, words: readonly string[], ids: Int32Array, flags: Uint8Array): Items | null {
  if (words.length < MIN_ANCHOR_COUNT * 2) return null;
  const limit = Math.min(words.length, 4000);
  const needed = Math.max(MIN_ANCHOR_COUNT, Math.ceil(text.length / MAX_ANCHOR_GAP_CHARS));
  // No word can occur more often than there are words.
  if (limit < needed) return null;
  // Single words first: a pair is never more frequent than its first word, so most blocks stop here.
  const singles = blockCounts;
  singles.reset(flags.length);
  let topWord = '';
  let topCount = 0;
  for (let i = 0; i < limit; i++) {
    const w = words[i] as string;
    const c = singles.add(ids[i] as number);
    if (c > topCount && isAnchorWord(w, flags[ids[i] as number] as number)) {
      topWord = w;
      topCount = c;
    }
  }
  if (topCount < needed) return null;
  // Pairs that start with a frequent word.
  const counts = new Map<string, number>();
  for (let i = 0; i < limit; i++) {
    const w = words[i] as string;
    if (singles.get(ids[i] as number) < needed || !isAnchorWord(w, flags[ids[i] as number] as number)) continue;
    const next = words[i + 1];
    if (next !== undefined && isAnchorWord(next, flags[ids[i + 1] as number] as number)) {
      const pair = `${w}\u0000${next}`;
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
  }
  let best = topWord;
  let bestCount = topCount;
  for (const [k, c] of counts) {
    // Prefer a pair when it is nearly as frequent as the best single word (`网络`+`公司`).
    const weight = c * 1.25;
    const bestWeight = best.includes('\u0000') ? bestCount * 1.25 : bestCount;
    if (weight > bestWeight) {
      best = k;
      bestCount = c;
    }
  }
  if (bestCount < MIN_ANCHOR_COUNT || text.length / bestCount > MAX_ANCHOR_GAP_CHARS) return null;
  const anchor = best.split('\u0000');
  const first = anchor[0] as string;
  const second = anchor[1];
  const items: string[][] = [];
  const kept = new Int32Array(limit);
  let k = 0;
  let current: string[] = [];
  for (let i = 0; i < limit && items.length < MAX_ITEMS; i++) {
    const w = words[i] as string;
    if (w === first && (second === undefined || words[i + 1] === second) && current.length > 0) {
      items.push(current);
      current = [];
    }
    if (current.length < MAX_ITEM_WORDS) {
      current.push(w);
      kept[k++] = ids[i] as number;
    }
  }
  if (current.length > 0 && items.length < MAX_ITEMS) items.push(current);
  return {
    words: items,
    ids: idsOfItems(items, kept, items.length),
    chars: items.map((it) => it.reduce((a, w) => a + w.length, 0)),
    mode: 'anchor',
    anchor: anchor.join(''),
  };
}

/** A word the run-on cut may anchor at: two units or more, a content word (its wordFlags given). */
function isAnchorWord(w: string, flags: number): boolean {
  return w.length >= 2 && isContent(flags);
}

/**
 * Skeleton of each item: numbers → {N}, words in few items → {*}; null when nothing is fixed.
 * `ids` are the page word ids of the items' words, `flags` the page's wordFlags.
 */
export function skeletons(items: readonly string[][], ids: readonly Int32Array[], flags: Uint8Array): Array<string | null> {
  // df: how many items hold each word.
  const df = itemCounts;
  df.reset(flags.length);
  for (const itemIds of ids) {
    inItem.reset(flags.length);
    for (let j = 0; j < itemIds.length; j++) if (inItem.add(itemIds[j] as number) === 1) df.add(itemIds[j] as number);
  }
  const minDf = Math.max(FIXED_DF_MIN, Math.ceil(items.length * FIXED_DF_SHARE));
  return items.map((item, idx) => {
    const itemIds = ids[idx] as Int32Array;
    const out: string[] = [];
    let fixed = 0;
    for (let j = 0; j < item.length; j++) {
      const id = itemIds[j] as number;
      const f = flags[id] as number;
      let tok: string;
      if ((f & NUMBER_FLAG) !== 0) tok = NUMBER;
      else if (df.get(id) >= minDf && (f & STOP) === 0) {
        tok = item[j] as string;
        fixed++;
      } else tok = SLOT;
      if (tok === SLOT && out[out.length - 1] === SLOT) continue;
      out.push(tok);
    }
    return fixed > 0 ? joinSkeleton(out) : null;
  });
}

const LATIN_END = /[\p{L}\p{N}]$/u;
const LATIN_START = /^[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

/** Join skeleton tokens: no space next to Chinese or slots, a space between Latin words. */
function joinSkeleton(tokens: readonly string[]): string {
  let s = '';
  for (const t of tokens) {
    if (s.length > 0 && LATIN_END.test(s) && LATIN_START.test(t) && !HAN.test(s[s.length - 1] as string) && !HAN.test(t[0] as string)) {
      s += ' ';
    }
    s += t;
  }
  return s;
}

function mostCommon(values: Iterable<string | null>): { value: string | null; count: number; distinct: number } {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let value: string | null = null;
  let count = 0;
  for (const [k, c] of counts) {
    if (c > count) {
      value = k;
      count = c;
    }
  }
  return { value, count, distinct: counts.size };
}

function itemText(words: readonly string[]): string {
  return words.join('');
}

/**
 * The most common first (or, fromEnd, last) content word of the items, first seen first among
 * equals, and how many items it begins (ends); null and 0 when no item has a content word.
 */
function commonEdgeWord(items: Items, flags: Uint8Array, fromEnd: boolean): { value: string | null; count: number } {
  const counts = itemCounts;
  counts.reset(flags.length);
  // Distinct edge words in order of first sight.
  const seen: number[] = [];
  const seenWords: string[] = [];
  for (let i = 0; i < items.ids.length; i++) {
    const ids = items.ids[i] as Int32Array;
    const at = fromEnd ? lastContent(ids, flags) : firstContent(ids, flags);
    if (at < 0) continue;
    if (counts.add(ids[at] as number) === 1) {
      seen.push(ids[at] as number);
      seenWords.push((items.words[i] as string[])[at] as string);
    }
  }
  let value: string | null = null;
  let count = 0;
  for (let k = 0; k < seen.length; k++) {
    const c = counts.get(seen[k] as number);
    if (c > count) {
      count = c;
      value = seenWords[k] as string;
    }
  }
  return { value, count };
}

function compute(input: BlockInput, out: Float32Array, offset: number, evidence: BlockEvidence): void {
  const items = blockItems(input);
  const flags = wordFlags(input.facts.vocab);
  const n = items.words.length;
  let skeletonShare = 0;
  let templateItems = 0;
  let perItem = 1;
  let affixShare = 0;
  if (n >= MIN_TEMPLATE_ITEMS) {
    const sk = skeletons(items.words, items.ids, flags);
    const top = mostCommon(sk);
    const nulls = sk.filter((s) => s === null).length;
    skeletonShare = top.count >= 2 ? (top.count - 1) / (n - 1) : 0;
    templateItems = top.count >= 2 ? top.count : 0;
    perItem = (top.distinct + nulls) / n;
    const heads = commonEdgeWord(items, flags, false);
    const tails = commonEdgeWord(items, flags, true);
    const affix = heads.count >= tails.count ? heads : tails;
    affixShare = affix.count >= 2 ? (affix.count - 1) / (n - 1) : 0;
    if (top.value !== null && top.count >= 2) {
      evidence.template = top.value;
      evidence.templateItems = top.count;
    }
    if (affix.value !== null && affix.count >= 2) evidence.sharedAffix = affix.value;
  }
  evidence.items = n;
  if (items.anchor) evidence.sharedAffix = items.anchor;
  let numPhrase = 0;
  for (let i = 0; i < n; i++) if (mayHaveDigit(items.ids[i] as Int32Array, flags) && NUM_IN_PHRASE.test(itemText(items.words[i] as string[]))) numPhrase++;
  const mean = n > 0 ? items.chars.reduce((a, b) => a + b, 0) / n : 0;
  let varSum = 0;
  for (const c of items.chars) varSum += (c - mean) * (c - mean);
  const cv = n > 1 && mean > 0 ? Math.sqrt(varSum / n) / mean : 0;
  const v = [
    Math.log1p(n),
    items.mode === 'anchor' ? 1 : 0,
    skeletonShare,
    Math.log1p(templateItems),
    perItem,
    affixShare,
    n > 0 ? numPhrase / n : 0,
    Math.log1p(mean),
    cv,
  ];
  for (let i = 0; i < v.length; i++) out[offset + i] = finite(v[i] as number);
}

/** Position of the first content word of an item (its page word ids), −1 when none. */
function firstContent(ids: Int32Array, flags: Uint8Array): number {
  for (let i = 0; i < ids.length; i++) if (isContent(flags[ids[i] as number] as number)) return i;
  return -1;
}

/** Position of the last content word, −1 when none. */
function lastContent(ids: Int32Array, flags: Uint8Array): number {
  for (let i = ids.length - 1; i >= 0; i--) if (isContent(flags[ids[i] as number] as number)) return i;
  return -1;
}

export const templateFamily: FeatureFamily = {
  name: 'templates',
  columns: TEMPLATE_COLUMNS,
  compute,
};
