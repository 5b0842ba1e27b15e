#!/usr/bin/env node
/**
 * Writes src/features/data/letter-pairs.ts: how often each letter follows another in the
 * words of real clean pages (the corpus's clean train pages: English, German, French,
 * Spanish, Polish, Portuguese and more), as natural-log probabilities P(next | previous) over
 * a-z plus a word-boundary mark. Only these 27 × 27 counts are kept, never any page text.
 * The gibberish feature family reads the table.
 *
 *   npx tsc -p . && node scripts/build-letter-pairs.mjs [corpus folder]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePage } from '../dist/page/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(process.argv[2] ?? path.join(root, '../shared/corpus'));
const out = path.join(root, 'src/features/data/letter-pairs.ts');
const SIZE = 27; // index 0: word boundary; 1..26: a..z
const counts = new Float64Array(SIZE * SIZE);
const index = (code) => (code === 0 ? 0 : code - 96);

const records = readFileSync(path.join(corpus, 'labels.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
let pages = 0;
let words = 0;
for (const r of records) {
  if (r.split !== 'train' || r.page !== 'clean') continue;
  let page;
  try {
    page = parsePage(readFileSync(path.join(corpus, r.file)), { file: r.file }).page;
  } catch {
    continue;
  }
  pages++;
  for (const block of page.blocks) {
    for (const w of block.text.toLowerCase().match(/[a-z]{2,}/g) ?? []) {
      words++;
      let prev = 0;
      for (let i = 0; i <= w.length; i++) {
        const next = i < w.length ? index(w.charCodeAt(i)) : 0;
        counts[prev * SIZE + next]++;
        prev = next;
      }
    }
  }
}
// Add-half smoothing, so an unseen pair is rare rather than impossible.
const logp = [];
for (let a = 0; a < SIZE; a++) {
  let row = 0;
  for (let b = 0; b < SIZE; b++) row += counts[a * SIZE + b] + 0.5;
  for (let b = 0; b < SIZE; b++) logp.push(Math.log((counts[a * SIZE + b] + 0.5) / row).toFixed(2));
}
const rows = [];
for (let a = 0; a < SIZE; a++) rows.push('  ' + logp.slice(a * SIZE, (a + 1) * SIZE).join(', ') + ',');
writeFileSync(
  out,
  `/**
 * ln P(next letter | previous letter) in words of real clean pages, written by
 * scripts/build-letter-pairs.mjs from ${pages} clean train pages (${words} words; counts only).
 * Row = previous, column = next; index 0 is the word boundary, 1–26 are a–z.
 */
export const LETTER_PAIR_SIZE = ${SIZE};

// prettier-ignore
export const LETTER_PAIR_LOGP: readonly number[] = [
${rows.join('\n')}
];
`,
);
console.log(`letter pairs from ${pages} pages, ${words} words -> ${path.relative(root, out)}`);
