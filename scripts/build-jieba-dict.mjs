#!/usr/bin/env node
/**
 * Writes data/jieba/dict.small.utf8: nodejieba's bundled jieba.dict.utf8 (MIT) trimmed to
 * words with frequency >= MIN_FREQ, so the dictionary loads in a fraction of the time and memory.
 * Also writes the one-line idf and stop-word files nodejieba requires (it aborts on empty ones).
 *
 * Usage: node scripts/build-jieba-dict.mjs [minFreq]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_FREQ = Number(process.argv[2] ?? 20);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const jiebaDir = path.dirname(require.resolve('nodejieba/package.json'));
const source = path.join(jiebaDir, 'submodules/cppjieba/dict/jieba.dict.utf8');
const outDir = path.join(root, 'data/jieba');
mkdirSync(outDir, { recursive: true });

const lines = readFileSync(source, 'utf8').split('\n');
const kept = [];
for (const line of lines) {
  const fields = line.trim().split(' ');
  if (fields.length < 2) continue;
  const freq = Number(fields[1]);
  if (Number.isFinite(freq) && freq >= MIN_FREQ) kept.push(line.trim());
}
writeFileSync(path.join(outDir, 'dict.small.utf8'), kept.join('\n') + '\n');
writeFileSync(path.join(outDir, 'idf.one.utf8'), '的 1.0\n');
writeFileSync(path.join(outDir, 'stop.one.utf8'), '的\n');
console.log(`kept ${kept.length} of ${lines.length} words (freq >= ${MIN_FREQ}) -> data/jieba/dict.small.utf8`);
