#!/usr/bin/env node
// Whole-pipeline scoring benchmark over ../shared/corpus, on dist/ with the shipped model.
// Prints one figure a line: pages/s and MB/s on one core (main thread, and one pool worker) and on all cores,
// median and p99 time per page, process start to first score of a Chinese page, peak
// memory while scoring the whole corpus, the parse-only ceiling, and a 50 MB page.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const self = fileURLToPath(import.meta.url);
const mode = process.argv[2] ?? 'main';

function corpusRecords() {
  return readFileSync(path.join(corpus, 'labels.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

function corpusPages() {
  return corpusRecords().map((r) => ({ file: r.file, lang: r.lang, bytes: readFileSync(path.join(corpus, r.file)) }));
}

const mb = (b) => (b / 1e6).toFixed(1);
const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function startup() {
  // Measured from process start (performance.now() counts from the time origin).
  const { loadScorer } = await import('../dist/scorer/index.js');
  // Only the page scored is read (reading the whole corpus first used to count 95 MB of file reads).
  const rec = corpusRecords().find((r) => r.lang === 'zh' && r.file.endsWith('.html'));
  const scorer = await loadScorer();
  scorer.score(readFileSync(path.join(corpus, rec.file)), { file: rec.file });
  console.log(JSON.stringify({ firstScoreMs: performance.now() }));
}

async function oneCore() {
  const { loadScorer } = await import('../dist/scorer/index.js');
  const { parsePage } = await import('../dist/page/index.js');
  const pages = corpusPages();
  const bytes = pages.reduce((s, p) => s + p.bytes.length, 0);
  const scorer = await loadScorer();
  for (const p of pages.slice(0, 20)) scorer.score(p.bytes); // warm up
  const times = [];
  const t0 = performance.now();
  for (const p of pages) {
    const s = performance.now();
    scorer.score(p.bytes, { file: p.file });
    times.push(performance.now() - s);
  }
  const total = (performance.now() - t0) / 1000;
  const p0 = performance.now();
  for (const p of pages) parsePage(p.bytes);
  const parseTotal = (performance.now() - p0) / 1000;
  times.sort((a, b) => a - b);
  const sizes = pages.map((p) => p.bytes.length).sort((a, b) => a - b);
  console.log(JSON.stringify({
    pages: pages.length, bytes, medianKB: q(sizes, 0.5) / 1024, total, parseTotal,
    median: q(times, 0.5), p99: q(times, 0.99), maxRssMB: process.resourceUsage().maxRSS / 1024,
  }));
}

async function allCores(workers = availableParallelism()) {
  const { createPool } = await import('../dist/scorer/index.js');
  const pages = corpusPages();
  const bytes = pages.reduce((s, p) => s + p.bytes.length, 0);
  const pool = await createPool({ workers });
  await pool.scoreBatch(pages.slice(0, 20).map((p) => ({ content: p.bytes })));
  const t0 = performance.now();
  await pool.scoreBatch(pages.map((p) => ({ content: p.bytes, file: p.file })));
  const total = (performance.now() - t0) / 1000;
  await pool.close();
  console.log(JSON.stringify({ pages: pages.length, bytes, total, workers: pool.workers, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
}

async function bigPage() {
  const { loadScorer } = await import('../dist/scorer/index.js');
  const scorer = await loadScorer(); // default limits: the page is cut at maxBytes
  const para = '<p>城市更新项目在今年进入新的阶段，相关部门表示将继续推进老旧小区改造。The council said the work would go on next year.</p>\n';
  const list = '<ul>' + Array.from({ length: 20 }, (_, i) => `<li><a href="/k${i}">网络公司优选${i}号</a></li>`).join('') + '</ul>\n';
  let html = '<html><head><title>big</title></head><body>';
  while (html.length < 50 * 1024 * 1024 / 2) html += para + para + list;
  html += '</body></html>';
  const bytes = Buffer.from(html, 'utf8');
  const t0 = performance.now();
  const r = scorer.score(bytes, { file: 'big.html' });
  const s = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ bytes: bytes.length, seconds: s, blocks: r.blocks.length, error: r.error ?? null, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
}

function child(kind) {
  const r = spawnSync(process.execPath, [self, kind], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr.split('\n').slice(0, 3).join(' ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

if (mode === 'startup') await startup();
else if (mode === 'one') await oneCore();
else if (mode === 'all') await allCores();
else if (mode === 'worker') await allCores(1);
else if (mode === 'big') await bigPage();
else {
  if (!existsSync(path.join(corpus, 'labels.jsonl'))) {
    console.log(`bench-score: no corpus at ${corpus}; nothing to measure`);
    process.exit(0);
  }
  const starts = [child('startup'), child('startup'), child('startup')].map((r) => r.firstScoreMs).sort((a, b) => a - b);
  const one = child('one');
  const worker = child('worker');
  const all = child('all');
  const big = child('big');
  console.log(`corpus: ${one.pages} pages, ${mb(one.bytes)} MB, median page ${one.medianKB.toFixed(0)} KB`);
  console.log(`score, one core (library on the main thread, Node's default heap): ${(one.pages / one.total).toFixed(0)} pages/s, ${mb(one.bytes / one.total)} MB/s`);
  console.log(`score, one core (one pool worker, as the CLI scores batches): ${(worker.pages / worker.total).toFixed(0)} pages/s, ${mb(worker.bytes / worker.total)} MB/s, peak memory ${worker.maxRssMB.toFixed(0)} MB`);
  console.log(`score, all cores (${all.workers} workers): ${(all.pages / all.total).toFixed(0)} pages/s, ${mb(all.bytes / all.total)} MB/s, peak memory ${all.maxRssMB.toFixed(0)} MB`);
  console.log(`parse only (ceiling), one core: ${(one.pages / one.parseTotal).toFixed(0)} pages/s, ${mb(one.bytes / one.parseTotal)} MB/s`);
  console.log(`score / parse-only ceiling: ${((one.parseTotal / one.total) * 100).toFixed(0)}%`);
  console.log(`time per page: median ${one.median.toFixed(2)} ms, p99 ${one.p99.toFixed(2)} ms`);
  console.log(`process start to first score of a Chinese page: ${starts[1].toFixed(0)} ms (median of 3)`);
  console.log(`peak memory scoring the whole corpus (one core): ${one.maxRssMB.toFixed(0)} MB`);
  console.log(`50 MB page: ${big.seconds.toFixed(2)} s, ${big.blocks} blocks kept, peak memory ${big.maxRssMB.toFixed(0)} MB${big.error ? `, error: ${big.error}` : ''}`);
}
