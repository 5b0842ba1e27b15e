#!/usr/bin/env node
/**
 * Per-feature distributions on spam vs clean blocks of a labeled corpus's train split:
 * medians, p10/p90, and ROC-AUC (spam above clean = AUC > 0.5), also against the hard
 * negatives alone (clean blocks of the Chinese list/portal sources gne and gerapy).
 * Runs on the build: `npx tsc -p . ; node scripts/report-features.mjs [corpusDir] [--split train|dev] [--json]`.
 * Block labels come from the data stage (labelPage → mapLabels: selectors, line ranges, `all`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const splitAt = args.indexOf('--split');
const split = splitAt >= 0 ? args[splitAt + 1] : 'train';
const corpus = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--split') ?? path.resolve(root, '../shared/corpus');

const { readLabels, labelPage } = await import(path.join(root, 'dist/data/index.js'));
const { extractFeatures, featureColumns, FEATURE_SET_VERSION } = await import(path.join(root, 'dist/features/index.js'));

const HARD_SOURCES = new Set(['gne', 'gerapy']);
const columns = featureColumns();
const spam = columns.map(() => []);
const clean = columns.map(() => []);
const hard = columns.map(() => []);
const spamBySource = new Map();
let pages = 0;
let skipped = 0;

const { labelsFile, entries } = readLabels(corpus, { split, onError: 'collect' });
for (const entry of entries) {
  let labeled;
  try {
    labeled = labelPage(entry, await readFile(entry.path), labelsFile);
  } catch (err) {
    skipped++;
    continue;
  }
  pages++;
  const m = extractFeatures(labeled.parsed.page);
  const isHard = HARD_SOURCES.has(labeled.record.source);
  m.rows.forEach((row, b) => {
    // Mixed-share blocks (some spam, under half) say little either way: left out.
    const share = labeled.spamShare[b];
    const target = labeled.isSpam[b] ? spam : share === 0 ? clean : null;
    if (!target) return;
    if (target === spam) spamBySource.set(labeled.record.source, (spamBySource.get(labeled.record.source) ?? 0) + 1);
    for (let c = 0; c < columns.length; c++) {
      target[c].push(row[c]);
      if (target === clean && isHard) hard[c].push(row[c]);
    }
  });
}

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** ROC-AUC of positives over negatives by ranks (Mann–Whitney U), ties shared. */
function auc(pos, neg) {
  if (pos.length === 0 || neg.length === 0) return NaN;
  const all = pos.map((v) => [v, 1]).concat(neg.map((v) => [v, 0])).sort((a, b) => a[0] - b[0]);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j][0] === all[i][0]) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k][1] === 1) rankSumPos += avgRank;
    i = j;
  }
  return (rankSumPos - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}

const rows = columns.map((name, c) => {
  const s = [...spam[c]].sort((a, b) => a - b);
  const n = [...clean[c]].sort((a, b) => a - b);
  return {
    name,
    spam: { p10: quantile(s, 0.1), median: quantile(s, 0.5), p90: quantile(s, 0.9) },
    clean: { p10: quantile(n, 0.1), median: quantile(n, 0.5), p90: quantile(n, 0.9), p99: quantile(n, 0.99), p999: quantile(n, 0.999) },
    auc: auc(s, n),
    aucHard: auc(s, hard[c]),
    // Rare but decisive features (a template, a hidden block) barely move the AUC: the share of
    // spam blocks beyond the clean blocks' 1st/99th percentile shows them.
    tailHigh: s.length ? s.filter((v) => v > quantile(n, 0.99)).length / s.length : NaN,
    tailLow: s.length ? s.filter((v) => v < quantile(n, 0.01)).length / s.length : NaN,
  };
});

if (json) {
  process.stdout.write(JSON.stringify({ featureSetVersion: FEATURE_SET_VERSION, corpus, split, pages, skipped, spamBlocks: spam[0].length, cleanBlocks: clean[0].length, hardBlocks: hard[0].length, features: rows }) + '\n');
} else {
  const f = (v) => (Number.isNaN(v) ? '   -  ' : v.toFixed(3).padStart(7));
  console.log(`feature set ${FEATURE_SET_VERSION}, ${corpus} (${split}): ${pages} pages (${skipped} unreadable), ${spam[0].length} spam blocks, ${clean[0].length} clean blocks (${hard[0].length} from gne/gerapy)`);
  console.log(`spam blocks by source: ${[...spamBySource].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`${'feature'.padEnd(28)} ${'spam p10 / median / p90'.padStart(25)}   ${'clean p10 / median / p90'.padStart(25)}     AUC  AUC-hard  >c.p99  <c.p1`);
  const sorted = [...rows].sort((a, b) => Math.abs(b.auc - 0.5) - Math.abs(a.auc - 0.5));
  for (const r of sorted) {
    console.log(
      `${r.name.padEnd(28)} ${f(r.spam.p10)} ${f(r.spam.median)} ${f(r.spam.p90)}   ${f(r.clean.p10)} ${f(r.clean.median)} ${f(r.clean.p90)}   ${f(r.auc)} ${f(r.aucHard)}  ${f(r.tailHigh)} ${f(r.tailLow)}`,
    );
  }
}
