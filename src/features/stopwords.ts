/**
 * Stop words of many languages in one set, so that prose reads as prose whatever its
 * language: Chinese (and the English words it also lists) from cppjieba's
 * stop_words.utf8 bundled with nodejieba, English and thirteen more languages from
 * natural's lists, and German and Arabic from our own data/stopwords/*.txt (natural
 * ships none). Loaded once, lazily.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageVocabulary } from './family.js';

const require = createRequire(import.meta.url);

/** natural's lists besides English (Japanese left out: our tokenizer keeps kana runs whole, so its particles never match). */
const NATURAL_LANGUAGES = ['es', 'fa', 'fr', 'id', 'it', 'nl', 'no', 'pl', 'pt', 'ru', 'sv', 'uk'] as const;

/** Our own lists, one word a line, in data/stopwords/. */
const OWN_LANGUAGES = ['de', 'ar'] as const;

const STOPWORDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/stopwords');

let words: Set<string> | null = null;

/** Letters or digits somewhere in the entry: punctuation entries of the jieba list are dropped. */
const WORDLIKE = /[\p{L}\p{N}]/u;
/** Numbers are never stop words (some lists carry 0–9). */
const DIGIT = /\p{N}/u;

/** Adds a list's words; `dropSingles` drops one-character entries (letters of the alphabet in the other languages' lists). */
function addAll(set: Set<string>, entries: Iterable<string>, dropSingles: boolean): void {
  for (const raw of entries) {
    const w = raw.trim().toLowerCase();
    if (w.length === 0 || !WORDLIKE.test(w) || DIGIT.test(w) || (dropSingles && w.length === 1)) continue;
    set.add(w);
  }
}

function fileLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('#'));
}

/** The merged stop-word set (lowercase). */
export function stopWords(): ReadonlySet<string> {
  if (words) return words;
  const set = new Set<string>();
  try {
    const dir = path.dirname(require.resolve('nodejieba/package.json'));
    addAll(set, fileLines(path.join(dir, 'submodules/cppjieba/dict/stop_words.utf8')), false);
  } catch {
    // Without the jieba list the other lists still work; the Chinese stop share reads 0.
  }
  addAll(set, (require('natural/lib/natural/util/stopwords.js') as { words: string[] }).words, false);
  for (const lang of NATURAL_LANGUAGES) {
    addAll(set, (require(`natural/lib/natural/util/stopwords_${lang}.js`) as { words: string[] }).words, true);
  }
  for (const lang of OWN_LANGUAGES) addAll(set, fileLines(path.join(STOPWORDS_DIR, `${lang}.txt`)), true);
  const filter = new Uint8Array(FILTER_SIZE);
  let longest = 0;
  for (const w of set) {
    filter[filterSlot(w)] = 1;
    if (w.length > longest) longest = w.length;
  }
  stopFilter = filter;
  longestStopWord = longest;
  words = set;
  return set;
}

/**
 * A prefilter in front of the set: one flag per slot of (length, first and last code unit),
 * set for every stop word's slot. A word whose slot is clear, or longer than every stop
 * word, is not a stop word without hashing and probing the set (most words of a page are
 * not stop words); a set slot still asks the set.
 */
const FILTER_SIZE = 1 << 16;
let stopFilter: Uint8Array | null = null;
let longestStopWord = 0;

function filterSlot(w: string): number {
  const h = w.charCodeAt(0) ^ (w.charCodeAt(w.length - 1) << 11) ^ (w.length << 24);
  return Math.imul(h, 0x9e3779b1) >>> 16;
}

/** True for a stop word (words are already lowercased by the tokenizer). */
export function isStopWord(w: string): boolean {
  const set = stopWords();
  if (w.length === 0 || w.length > longestStopWord || stopFilter![filterSlot(w)] === 0) return false;
  return set.has(w);
}

const pageFlags = new WeakMap<PageVocabulary, Uint8Array>();

/**
 * Stop-word flags by page word id (1: stop word), looked up once per distinct word of the
 * page instead of once per occurrence; grows with the vocabulary.
 */
export function stopFlags(vocab: PageVocabulary): Uint8Array {
  let flags = pageFlags.get(vocab);
  if (flags && flags.length === vocab.size) return flags;
  const from = flags?.length ?? 0;
  const grown = new Uint8Array(vocab.size);
  if (flags) grown.set(flags);
  for (let id = from; id < vocab.size; id++) grown[id] = isStopWord(vocab.words[id] as string) ? 1 : 0;
  pageFlags.set(vocab, grown);
  return grown;
}
