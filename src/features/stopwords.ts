/**
 * Stop words, taken from what the installed packages ship rather than invented:
 * Chinese (and the English words it also lists) from cppjieba's stop_words.utf8 bundled
 * with nodejieba, English from natural's stopwords list. Loaded once, lazily.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

let words: Set<string> | null = null;

/** Letters or digits somewhere in the entry: punctuation entries of the jieba list are dropped. */
const WORDLIKE = /[\p{L}\p{N}]/u;

/** The merged stop-word set (lowercase). */
export function stopWords(): ReadonlySet<string> {
  if (words) return words;
  const set = new Set<string>();
  try {
    const dir = path.dirname(require.resolve('nodejieba/package.json'));
    const text = readFileSync(path.join(dir, 'submodules/cppjieba/dict/stop_words.utf8'), 'utf8');
    for (const line of text.split('\n')) {
      const w = line.trim().toLowerCase();
      if (w.length > 0 && WORDLIKE.test(w)) set.add(w);
    }
  } catch {
    // Without the jieba list the English list still works; the Chinese stop share reads 0.
  }
  const natural = require('natural/lib/natural/util/stopwords.js') as { words: string[] };
  for (const w of natural.words) set.add(w.toLowerCase());
  words = set;
  return set;
}

/** True for a stop word (words are already lowercased by the tokenizer). */
export function isStopWord(w: string): boolean {
  return stopWords().has(w);
}
