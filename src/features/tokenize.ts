/**
 * Tokenization, done once per block and cached: Chinese (Han) runs are cut by jieba
 * (loaded lazily, once, only when a page has Han text), everything else split into words as natural's
 * regexp tokenizer would split it (see tokenizeText). Digit runs are kept whole (jieba would cut `12` into `1`, `2`).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Block } from '../page/types.js';
import type { TokenizerSettings } from './types.js';
import { UsageError } from '../errors.js';

const require = createRequire(import.meta.url);

/** Characters of one block's text tokenized at most; the rest is ignored (hostile pages). */
export const MAX_TOKENIZED_CHARS = 20_000;
/** Parts tokenized at most per block. */
export const MAX_PARTS = 400;

/** A block's words, per part and in all, plus character counts by script. */
export interface BlockTokens {
  /** All words of the block in order (lowercased; punctuation dropped). */
  words: string[];
  /** Words of each part (at most MAX_PARTS parts). */
  partWords: string[][];
  /** The parts tokenized (same length as partWords). */
  parts: string[];
  /** The parts joined with '\n' (what the families scan as the block's text). */
  joined: string;
  /** Character counts over the tokenized text (UTF-16 units). */
  chars: CharCounts;
}

export interface CharCounts {
  total: number;
  /** Non-whitespace characters. */
  visible: number;
  han: number;
  latin: number;
  digit: number;
  /** Letters of other scripts (Cyrillic, Arabic, Kana, Hangul, …). */
  otherLetter: number;
  punct: number;
}

interface Jieba {
  load(options: { dict: string; hmmDict: string; userDict: string; idfDict: string; stopWordDict: string }): void;
  cut(sentence: string, strict?: boolean): string[];
}
interface StemmerLike {
  stem(word: string): string;
}

const DATA_DIR = fileURLToPath(new URL('../../data/jieba/', import.meta.url));

/** Known dictionary names → dictionary files. */
function dictionaryPath(name: string): string {
  if (name === 'jieba-small-20') return path.join(DATA_DIR, 'dict.small.utf8');
  if (name === 'jieba-default') return path.join(jiebaPackageDir(), 'submodules/cppjieba/dict/jieba.dict.utf8');
  throw new UsageError(`unknown jieba dictionary '${name}' (known: jieba-small-20, jieba-default)`);
}

function jiebaPackageDir(): string {
  return path.dirname(require.resolve('nodejieba/package.json'));
}

let jieba: Jieba | null = null;
let jiebaLoadedDict: string | null = null;

/** jieba with the named dictionary, loaded on first use (≈180 ms for the small dictionary). */
export function loadJieba(dictName: string): Jieba {
  if (jieba && jiebaLoadedDict === dictName) return jieba;
  const dict = dictionaryPath(dictName);
  const j = (jieba ?? require('nodejieba')) as Jieba;
  const pkgDict = path.join(jiebaPackageDir(), 'submodules/cppjieba/dict');
  j.load({
    dict,
    hmmDict: path.join(pkgDict, 'hmm_model.utf8'),
    userDict: path.join(pkgDict, 'user.dict.utf8'),
    // nodejieba aborts on an empty idf or stop-word file; we use neither, so one-line files.
    idfDict: path.join(DATA_DIR, 'idf.one.utf8'),
    stopWordDict: path.join(DATA_DIR, 'stop.one.utf8'),
  });
  jieba = j;
  jiebaLoadedDict = dictName;
  return j;
}

/** Whether jieba has been loaded in this process (for tests and benchmarks). */
export function jiebaLoaded(): boolean {
  return jieba !== null;
}

/**
 * Word characters of the other-script tokenizer: letters, marks, digits and apostrophes.
 * Words are the runs between gaps of anything else, exactly as natural's RegexpTokenizer
 * splits on /[^\p{L}\p{M}\p{N}'’]+/u (empty pieces dropped), but found by a char loop with
 * the answer per BMP code unit cached in a table instead of splitting through the regex.
 */
const WORD_CHAR = /^[\p{L}\p{M}\p{N}'’]$/u;
/** One Han-script code point (what the Han runs handed to jieba are made of). */
const HAN_CHAR = /^\p{Script=Han}$/u;
/** Classes of code points in bmpClass: not looked up yet, word character, gap, Han script. */
const UNKNOWN = 0;
const WORD = 1;
const GAP = 2;
const HAN = 3;
/** Per BMP code unit, its class (Han before word: a Han character is never part of an other-script word). */
const bmpClass = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  const word = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x27;
  bmpClass[c] = word ? WORD : GAP;
}

/** Class of one code point by the regexes (lone surrogates are code points of their own to a /u regex: a gap). */
function classify(code: number): number {
  const ch = String.fromCodePoint(code);
  if (HAN_CHAR.test(ch)) return HAN;
  return WORD_CHAR.test(ch) ? WORD : GAP;
}

/** Class of a code point: WORD, GAP or HAN. */
function classOf(code: number): number {
  if (code < 0x10000) {
    let k = bmpClass[code] as number;
    if (k === UNKNOWN) {
      k = classify(code);
      bmpClass[code] = k;
    }
    return k;
  }
  return classify(code);
}

/** Han-script code points (\p{Script=Han}) in text, counted as /\p{Script=Han}/gu matches would be. */
export function countHan(text: string): number {
  const n = text.length;
  let count = 0;
  for (let i = 0; i < n; ) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      i++;
      continue;
    }
    const cp = codeAt(text, i, n);
    if (classOf(cp) === HAN) count++;
    i += cp >= 0x10000 ? 2 : 1;
  }
  return count;
}

let porter: StemmerLike | null = null;
function stemmer(): StemmerLike {
  if (!porter) {
    const mod = require('natural/lib/natural/stemmers/porter_stemmer.js') as StemmerLike | { default: StemmerLike };
    porter = 'stem' in mod ? mod : mod.default;
  }
  return porter;
}

const ALL_DIGITS = /^\p{Nd}+$/u;
const LATIN_WORD = /^[a-z][a-z'’]*$/;

/** Code point at i and its width in units (a lone surrogate is a code point of width 1). */
function codeAt(text: string, i: number, n: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
    const lo = text.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return ((code - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
  }
  return code;
}

/**
 * Tokenize one string: Han runs (maximal runs of \p{Script=Han}) by jieba, the words of the
 * text between them by the regexp tokenizer. One pass: a word ends where a Han run starts.
 */
export function tokenizeText(text: string, settings: TokenizerSettings): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let code = codeAt(text, i, n);
    let k = classOf(code);
    if (k === GAP) {
      i += code >= 0x10000 ? 2 : 1;
    } else if (k === HAN) {
      const start = i;
      do {
        i += code >= 0x10000 ? 2 : 1;
        if (i >= n) break;
        code = codeAt(text, i, n);
      } while (classOf(code) === HAN);
      pushHanRun(text.slice(start, i), settings, out);
    } else {
      // A word: [start, i). `plain` stays true while every unit is an ASCII lowercase letter, digit or apostrophe.
      const start = i;
      let plain = true;
      while (i < n) {
        code = text.charCodeAt(i);
        if (code < 0x80) {
          if (bmpClass[code] !== WORD) break;
          if (code >= 0x41 && code <= 0x5a) plain = false;
          i++;
        } else {
          code = codeAt(text, i, n);
          k = classOf(code);
          if (k !== WORD) break;
          plain = false;
          i += code >= 0x10000 ? 2 : 1;
        }
      }
      pushWord(text, start, i, plain, settings, out);
    }
  }
  return out;
}

/**
 * jieba's words of recent short Han runs, for the dictionary `cutDict`: pages repeat their
 * runs (menus, keyword lists, site names; about a quarter of a page's runs are repeats), and
 * jieba's cut of a run depends on nothing but the run. Bounded: emptied when full.
 */
const MAX_CACHED_RUN = 64;
const MAX_CACHED_RUNS = 4096;
const cutCache = new Map<string, string[]>();
let cutDict: string | null = null;

/** jieba's non-empty words of one Han run. */
function cutRun(run: string, settings: TokenizerSettings): string[] {
  const dict = String(settings.jiebaDict);
  if (run.length > MAX_CACHED_RUN) return loadJieba(dict).cut(run).filter((w) => w.length > 0);
  if (cutDict !== dict) {
    cutCache.clear();
    cutDict = dict;
  }
  let words = cutCache.get(run);
  if (words === undefined) {
    words = loadJieba(dict).cut(run).filter((w) => w.length > 0);
    if (cutCache.size >= MAX_CACHED_RUNS) cutCache.clear();
    cutCache.set(run, words);
  }
  return words;
}

/** jieba's words of one Han run (jieba loaded on the first run met). */
function pushHanRun(run: string, settings: TokenizerSettings, out: string[]): void {
  const words = cutRun(run, settings);
  for (let i = 0; i < words.length; i++) out.push(words[i] as string);
}

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019;
}

/** One raw word text[start, end): outer apostrophes dropped, lowercased, cut at 40 units, stemmed when asked. */
function pushWord(text: string, start: number, end: number, plain: boolean, settings: TokenizerSettings, out: string[]): void {
  while (start < end && isApostrophe(text.charCodeAt(start))) start++;
  while (end > start && isApostrophe(text.charCodeAt(end - 1))) end--;
  if (end === start) return;
  let w: string;
  if (plain) {
    // Already lowercase: lowercasing changes neither the text nor its length.
    w = text.slice(start, end - start > 40 ? start + 40 : end);
  } else {
    w = text.slice(start, end).toLowerCase();
    if (w.length > 40) w = w.slice(0, 40);
  }
  if (settings.stem && LATIN_WORD.test(w)) w = stemmer().stem(w);
  out.push(w);
}

/** Per BMP code unit: 0 not looked up yet, 1 a decimal digit (\p{Nd}), 2 not. */
const ndClass = new Uint8Array(0x10000);

/** True when the token is a run of decimal digits (what /^\p{Nd}+$/u says). */
export function isNumberToken(w: string): boolean {
  const n = w.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const code = w.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) continue;
    if (code < 0x80) return false;
    // Surrogates (astral digits, lone halves) are left to the regex.
    if (code >= 0xd800 && code <= 0xdfff) return ALL_DIGITS.test(w);
    let k = ndClass[code] as number;
    if (k === 0) {
      k = ALL_DIGITS.test(String.fromCharCode(code)) ? 1 : 2;
      ndClass[code] = k;
    }
    if (k !== 1) return false;
  }
  return true;
}

/** Count characters by script in one pass. */
export function countChars(text: string): CharCounts {
  const c: CharCounts = { total: text.length, visible: 0, han: 0, latin: 0, digit: 0, otherLetter: 0, punct: 0 };
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      code = text.codePointAt(i) ?? code;
      i++;
    }
    if (code <= 0x20 || code === 0xa0 || code === 0x3000) continue;
    c.visible++;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) c.latin++;
    else if (code >= 0x30 && code <= 0x39) c.digit++;
    else if (code < 0x80) c.punct++;
    else if (isHan(code)) c.han++;
    else if (code >= 0xc0 && code <= 0x24f) c.latin++;
    else if (code >= 0xff10 && code <= 0xff19) c.digit++;
    else if (isPunct(code)) c.punct++;
    else c.otherLetter++;
  }
  return c;
}

function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x2ffff)
  );
}

const PUNCT = /[\p{P}\p{S}]/u;
function isPunct(code: number): boolean {
  // CJK and full-width punctuation without the regex; the rest by Unicode category.
  if ((code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xff0f) || (code >= 0xff1a && code <= 0xff20)) return true;
  return PUNCT.test(String.fromCodePoint(code));
}

/** A block's tokens and the settings that made them (the dictionary name as a string, stemming as 0 or 1). */
interface CacheEntry {
  dict: string;
  stem: number;
  tokens: BlockTokens;
}

const cache = new WeakMap<Block, CacheEntry>();

/** The block's tokens, computed once per block (and tokenizer settings) and reused by every family. */
export function blockTokens(block: Block, settings: TokenizerSettings): BlockTokens {
  const dict = String(settings.jiebaDict);
  const stem = settings.stem ? 1 : 0;
  const hit = cache.get(block);
  if (hit && hit.dict === dict && hit.stem === stem) return hit.tokens;
  const tokens = tokenizeBlock(block, settings);
  cache.set(block, { dict, stem, tokens });
  return tokens;
}

/** The words of all parts in order; a one-part block's words are its part's (the same array: tokens are read, never changed). */
function allWords(partWords: readonly string[][]): string[] {
  if (partWords.length === 1) return partWords[0] as string[];
  const words: string[] = [];
  for (const ws of partWords) for (const w of ws) words.push(w);
  return words;
}

/**
 * The block's tokens, computed afresh (no cache): extractFeatures tokenizes each block of a
 * page once and hands the tokens to every family itself, so a cache entry there would only
 * cost a WeakMap lookup and insert per block and an ephemeron for the collector to trace.
 */
export function tokenizeBlock(block: Block, settings: TokenizerSettings): BlockTokens {
  const srcParts = block.parts.length > 0 ? block.parts : [block.text];
  const parts: string[] = [];
  const partWords: string[][] = [];
  let budget = MAX_TOKENIZED_CHARS;
  for (let i = 0; i < srcParts.length && i < MAX_PARTS && budget > 0; i++) {
    let part = srcParts[i] ?? '';
    if (part.length > budget) part = part.slice(0, budget);
    budget -= part.length;
    parts.push(part);
    partWords.push(tokenizeText(part, settings));
  }
  const words = allWords(partWords);
  const text = block.text.length > MAX_TOKENIZED_CHARS ? block.text.slice(0, MAX_TOKENIZED_CHARS) : block.text;
  return { words, partWords, parts, joined: parts.join('\n'), chars: countChars(text) };
}
