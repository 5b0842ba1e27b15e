#!/usr/bin/env node
/**
 * Throughput of the features stage over a labeled corpus's pages (default ../shared/corpus),
 * next to tokenization alone and to the page stage that feeds it. Runs on the build:
 * `npx tsc -p . ; node scripts/bench-features.mjs [corpusDir] [--rounds N]`.
 * Pages are parsed once up front; each stage is then timed on its own over all pages.
 * Times are CPU time of this process (GC threads included), so pages/s is per core.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Math.max(1, Number(args[roundsAt + 1]) || 1) : 2;
const corpus = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds') ?? path.resolve(root, '../shared/corpus');

const { readLabels } = await import(path.join(root, 'dist/data/index.js'));
const { parsePage } = await import(path.join(root, 'dist/page/index.js'));
const { extractFeatures, DEFAULT_TOKENIZER } = await import(path.join(root, 'dist/features/index.js'));
const { tokenizeText, loadJieba } = await import(path.join(root, 'dist/features/tokenize.js'));

const { entries } = readLabels(corpus, { onError: 'collect' });
const inputs = [];
for (const e of entries) inputs.push({ bytes: await readFile(e.path), text: e.record.file.endsWith('.txt') });
const totalBytes = inputs.reduce((a, x) => a + x.bytes.length, 0);

// Load jieba before timing (a one-off ~180 ms per process).
let t0 = performance.now();
loadJieba(DEFAULT_TOKENIZER.jiebaDict);
const jiebaMs = performance.now() - t0;

/**
 * Best of the rounds, in CPU milliseconds of this process (user + system) rather than wall
 * time: the machine is shared, and CPU time is what a core spends on the stage.
 */
function timeIt(fn) {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const c = process.cpuUsage();
    fn();
    const d = process.cpuUsage(c);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

let pages = [];
const parseMs = timeIt(() => {
  pages = [];
  for (const x of inputs) {
    try {
      pages.push(parsePage(x.bytes, { kind: x.text ? 'text' : 'html' }).page);
    } catch {
      // unreadable pages are skipped in every stage alike
    }
  }
});
const textChars = pages.reduce((a, p) => a + p.blocks.reduce((b, k) => b + k.chars, 0), 0);

const tokenizeMs = timeIt(() => {
  for (const p of pages) for (const b of p.blocks) for (const part of b.parts) tokenizeText(part, DEFAULT_TOKENIZER);
});

// Fresh Page objects each round so the per-block token cache does not hide the tokenizing.
const featureMs = timeIt(() => {
  for (const p of pages) extractFeatures({ ...p, blocks: p.blocks.map((b) => ({ ...b })) });
});

const mb = totalBytes / 1e6;
const line = (name, ms) =>
  `${name.padEnd(26)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${((pages.length * 1000) / ms).toFixed(0).padStart(6)} pages/s  ${((mb * 1000) / ms).toFixed(1).padStart(6)} MB/s`;
console.log(`${pages.length} pages, ${mb.toFixed(1)} MB of input (mean ${(totalBytes / inputs.length / 1000).toFixed(0)} KB), ${(textChars / 1e6).toFixed(1)} M text chars; best of ${rounds} rounds of CPU time; jieba load ${jiebaMs.toFixed(0)} ms`);
console.log(line('page stage (parsePage)', parseMs));
console.log(line('tokenization alone', tokenizeMs));
console.log(line('features (incl. tokenizing)', featureMs));
console.log(line('page + features', parseMs + featureMs));
