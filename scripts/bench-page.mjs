#!/usr/bin/env node
// Page-stage throughput over every page of ../shared/corpus (run on dist/: `npx tsc -p . && node scripts/bench-page.mjs`).
// Prints pages/s and MB/s for parsePage (decode + parse + segment), for decode alone, and,
// as the ceiling, for htmlparser2's parseDocument alone on the same decoded strings.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'htmlparser2';
import { parsePage, decodeBytes } from '../dist/page/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
if (!existsSync(path.join(corpus, 'labels.jsonl'))) {
  console.error(`bench-page: no corpus at ${corpus}; nothing to measure`);
  process.exit(0);
}
const rounds = Number(process.argv[2] ?? 3);
const pages = readFileSync(path.join(corpus, 'labels.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l))
  .map((r) => ({ file: r.file, bytes: new Uint8Array(readFileSync(path.join(corpus, r.file))) }));
const totalBytes = pages.reduce((s, p) => s + p.bytes.length, 0);
const decoded = pages.map((p) => decodeBytes(p.bytes).text);
const htmlIdx = pages.map((p, i) => i).filter((i) => pages[i].file.endsWith('.html'));
const htmlBytes = htmlIdx.reduce((s, i) => s + pages[i].bytes.length, 0);

// Rates per wall-clock second and per CPU second (user + system of this process): on a
// shared machine the CPU figure is the steadier one.
function time(label, n, bytes, fn) {
  fn(); // warm up
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) fn();
  const c = process.cpuUsage(c0);
  const s = Number(process.hrtime.bigint() - t0) / 1e9 / rounds;
  const cpu = (c.user + c.system) / 1e6 / rounds;
  console.log(
    `${label.padEnd(34)} wall ${(n / s).toFixed(0).padStart(5)} pages/s ${(bytes / s / 1e6).toFixed(1).padStart(6)} MB/s | cpu ${(n / cpu).toFixed(0).padStart(5)} pages/s ${(bytes / cpu / 1e6).toFixed(1).padStart(6)} MB/s`,
  );
}

console.log(`corpus: ${pages.length} pages, ${(totalBytes / 1e6).toFixed(1)} MB, mean ${(totalBytes / pages.length / 1024).toFixed(0)} KB; ${rounds} rounds`);
let blocks = 0;
time('parsePage (all pages)', pages.length, totalBytes, () => {
  blocks = 0;
  for (const p of pages) blocks += parsePage(p.bytes, { file: p.file }).page.blocks.length;
});
time('decodeBytes (all pages)', pages.length, totalBytes, () => {
  for (const p of pages) decodeBytes(p.bytes);
});
time('parsePage (HTML pages)', htmlIdx.length, htmlBytes, () => {
  for (const i of htmlIdx) parsePage(pages[i].bytes);
});
const opts = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };
time('htmlparser2 parseDocument (HTML)', htmlIdx.length, htmlBytes, () => {
  for (const i of htmlIdx) parseDocument(decoded[i], opts);
});
// The page stage keeps source offsets on nodes (the scorer needs them): the fair ceiling.
time('  same, with start/end indices', htmlIdx.length, htmlBytes, () => {
  for (const i of htmlIdx) parseDocument(decoded[i], { ...opts, withStartIndices: true, withEndIndices: true });
});
console.log(`blocks: ${blocks} (${(blocks / pages.length).toFixed(0)} per page)`);
