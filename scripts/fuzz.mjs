#!/usr/bin/env node
// Fuzzes the scorer (dist/, shipped model) with mutations of real pages from ../shared/corpus
// (scripts/fuzz-mutations.mjs): every page must come back as a result (blocks, or an error
// saying why), none may throw (a crash) or take longer than the watchdog (a hang).
// Pages are scored in a worker thread; the main thread is the watchdog: a page past it
// counts as a hang, the worker is replaced and the run goes on with the next page.
// Usage: `npm run fuzz` (10,000 pages) or `node scripts/fuzz.mjs [pages] [seed]`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { makeRandom, mutate } from './fuzz-mutations.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const self = fileURLToPath(import.meta.url);
/** A page taking longer than this counts as a hang (the scorer's own budget is --max-seconds, 20 s). */
const WATCHDOG_MS = 60_000;

function corpusFiles() {
  return readFileSync(path.join(corpus, 'labels.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => path.join(corpus, JSON.parse(l).file));
}

/** The i-th fuzzed page of a run: the same seed gives the same pages. */
function fuzzedPage(files, seed, i) {
  const r = makeRandom(seed * 1_000_003 + i);
  const file = r.pick(files);
  const { bytes, applied } = mutate(readFileSync(file), r);
  return { file: `${path.relative(corpus, file)} [${applied.join('+')}]`, bytes };
}

/** Whether `r` is a page result: numbers and blocks, or an error with no blocks. */
function isResult(r) {
  if (!r || typeof r !== 'object' || typeof r.score !== 'number' || typeof r.spam !== 'boolean' || !Array.isArray(r.blocks)) return false;
  if (r.error !== undefined) return typeof r.error === 'string' && r.blocks.length === 0;
  return r.blocks.every((b) => typeof b.text === 'string' && typeof b.score === 'number' && Number.isFinite(b.score));
}

async function worker() {
  const { loadScorer } = await import('../dist/scorer/index.js');
  const scorer = await loadScorer();
  const files = corpusFiles();
  const { seed, from, to } = workerData;
  for (let i = from; i < to; i++) {
    const { file, bytes } = fuzzedPage(files, seed, i);
    parentPort.postMessage({ type: 'start', i, file, bytes: bytes.length });
    const t = performance.now();
    let kind = 'result';
    let detail = '';
    try {
      const r = scorer.score(bytes, { file });
      if (!isResult(r)) {
        kind = 'bad';
        detail = JSON.stringify(r).slice(0, 200);
      } else if (r.error) {
        kind = 'error';
        const k = r.error.indexOf(']: ');
        detail = k >= 0 ? r.error.slice(k + 3) : r.error;
      } else if (r.truncated) kind = 'cut';
    } catch (err) {
      kind = 'crash';
      detail = String(err?.stack ?? err).split('\n').slice(0, 3).join(' | ');
    }
    parentPort.postMessage({ type: 'done', i, kind, detail, ms: performance.now() - t });
  }
}

async function main() {
  if (!existsSync(path.join(repoRoot, 'dist/scorer/index.js'))) {
    console.error('fuzz: build first (npx tsc -p tsconfig.json)');
    process.exit(1);
  }
  if (!existsSync(path.join(corpus, 'labels.jsonl'))) {
    console.error(`fuzz: no corpus at ${corpus}; the fuzzer mutates its pages`);
    process.exit(1);
  }
  const total = Number(process.argv[2] ?? 10_000);
  const seed = Number(process.argv[3] ?? 25);
  const counts = { result: 0, cut: 0, error: 0, crash: 0, hang: 0, bad: 0 };
  const errors = new Map();
  const problems = [];
  let slowest = { ms: 0, file: '' };
  let bytes = 0;
  const started = performance.now();

  let next = 0;
  while (next < total) {
    // One worker at a time; a hang or a crash of the worker itself ends it, and the next starts after that page.
    next = await new Promise((resolve) => {
      const w = new Worker(self, { workerData: { seed, from: next, to: total }, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
      let current = null;
      let timer = null;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          counts.hang++;
          problems.push(`hang: ${current.file} (${current.bytes} bytes) past ${WATCHDOG_MS / 1000} s`);
          w.terminate();
          resolve(current.i + 1);
        }, WATCHDOG_MS);
      };
      w.on('message', (m) => {
        if (m.type === 'start') {
          current = m;
          bytes += m.bytes;
          arm();
          return;
        }
        clearTimeout(timer);
        counts[m.kind]++;
        if (m.kind === 'error') errors.set(m.detail, (errors.get(m.detail) ?? 0) + 1);
        if (m.kind === 'crash' || m.kind === 'bad') problems.push(`${m.kind}: ${current.file}: ${m.detail}`);
        if (m.ms > slowest.ms) slowest = { ms: m.ms, file: `${current.file} (${current.bytes} bytes)` };
        const done = m.i + 1;
        if (done % 1000 === 0) process.stderr.write(`fuzz: ${done}/${total} pages\n`);
        if (done === total) {
          w.terminate();
          resolve(total);
        }
      });
      w.on('error', (err) => {
        clearTimeout(timer);
        counts.crash++;
        problems.push(`crash: ${current?.file ?? '(before the first page)'}: worker died: ${String(err).split('\n')[0]}`);
        resolve(current ? current.i + 1 : total);
      });
    });
  }

  const seconds = (performance.now() - started) / 1000;
  const answered = counts.result + counts.cut + counts.error;
  console.log(`fuzz: ${total} pages (seed ${seed}), ${(bytes / 1e6).toFixed(0)} MB, ${seconds.toFixed(0)} s`);
  console.log(`  results: ${answered} of ${total} (${counts.result + counts.cut} scored, ${counts.cut} of them cut by a limit; ${counts.error} error results)`);
  console.log(`  crashes: ${counts.crash}, hangs (over ${WATCHDOG_MS / 1000} s): ${counts.hang}, malformed results: ${counts.bad}`);
  console.log(`  slowest page: ${(slowest.ms / 1000).toFixed(2)} s, ${slowest.file}`);
  for (const [reason, n] of [...errors].sort((a, b) => b[1] - a[1])) console.log(`  error result x${n}: ${reason}`);
  for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
  process.exitCode = counts.crash + counts.hang + counts.bad === 0 && answered === total ? 0 : 1;
}

if (isMainThread) await main();
else await worker();
