#!/usr/bin/env node
// Features-stage regression digest: runs the page stage and extractFeatures (dist/) on every
// page of ../shared/corpus (the `file` of each labels.jsonl line) and writes one JSON line per
// page and variant: sha256 of the feature rows (Float32Array bytes), of the bags (Int32Array
// bytes) and of the JSON of the evidence, plus the row and column counts.
// Usage: `npx tsc -p . && node scripts/feature-snapshot.mjs /tmp/feature-digest.jsonl`; two runs
// with the same output (and final sha256) are the proof that a features change kept its output.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePage } from '../dist/page/index.js';
import { extractFeatures, DEFAULT_TOKENIZER } from '../dist/features/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const out = process.argv[2] ?? '/tmp/feature-digest.jsonl';
if (!existsSync(path.join(corpus, 'labels.jsonl'))) {
  console.error(`feature-snapshot: no corpus at ${corpus}`);
  process.exit(1);
}
const files = readFileSync(path.join(corpus, 'labels.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l).file);

/** A second tokenizer setting, so stemming, several n-gram sizes and another bucket count are covered too. */
const ALT_TOKENIZER = { bagBuckets: 4093, charNgrams: [2, 3, 4], jiebaDict: DEFAULT_TOKENIZER.jiebaDict, stem: true };

/** Option sets: page-stage options and tokenizer settings. */
const VARIANTS = [
  { name: 'default', opts: {}, tokenizer: DEFAULT_TOKENIZER },
  { name: 'url', opts: { url: 'https://www.example.com/dir/page.html' }, tokenizer: DEFAULT_TOKENIZER },
  { name: 'alt', opts: {}, tokenizer: ALT_TOKENIZER },
];

/** sha256 of the bytes of a list of typed arrays, each preceded by its length. */
function digestArrays(arrays) {
  const h = createHash('sha256');
  for (const a of arrays) {
    h.update(`${a.length}:`);
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  return h.digest('hex');
}

const sha = (s) => createHash('sha256').update(s).digest('hex');

const lines = [];
for (const v of VARIANTS) {
  for (const file of files) {
    const raw = readFileSync(path.join(corpus, file));
    let rec;
    try {
      const { page } = parsePage(new Uint8Array(raw), { file, kind: file.endsWith('.txt') ? 'text' : 'html', ...v.opts });
      const fm = extractFeatures(page, v.tokenizer);
      rec = {
        v: v.name,
        file,
        blocks: fm.rows.length,
        columns: fm.columns.length,
        rows: digestArrays(fm.rows),
        bags: digestArrays(fm.bags),
        evidence: sha(JSON.stringify(fm.evidence)),
      };
    } catch (err) {
      rec = { v: v.name, file, error: String(err?.message ?? err) };
    }
    lines.push(JSON.stringify(rec));
  }
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`feature-snapshot: ${lines.length} records (${files.length} pages x ${VARIANTS.length} variants) -> ${out}; sha256 ${sha(lines.join('\n'))}`);
