#!/usr/bin/env node
/**
 * Checks models/default against its floors, on the built CLI (dist/):
 *  - real dev pages: clean-page false-positive rate ≤ 1%, false spam characters ≤ 0.5% of clean characters;
 *  - synthetic spam made by `seospam synth` from the dev split: block F1 ≥ 0.95, page recall ≥ 0.97;
 *  - the seed page: lines 72 and 76–85 flagged, no article line (before line 70) flagged;
 *  - ahead of the baselines (rules; fastText when installed) in block F1 on every set.
 * Prints each check and exits 1 when any fails.
 *
 *   npx tsc -p . && node scripts/eval-default.mjs [--model models/default]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { model: { type: 'string', default: 'models/default' }, 'dev-pages': { type: 'string', default: '300' } },
});
const root = resolve(new URL('..', import.meta.url).pathname);
const cli = join(root, 'dist/cli/main.js');
const corpus = process.env.SEOSPAM_CORPUS ?? resolve(root, '../shared/corpus');
const material = process.env.SEOSPAM_MATERIAL ?? resolve(root, '../shared/spam-material');
const seed = process.env.SEOSPAM_SEED_PAGE ?? resolve(root, '../shared/seed/000_6278776c4837406b.txt');
const model = resolve(root, values.model);

function fail(msg) {
  process.stderr.write(`eval-default: ${msg}\n`);
  process.exit(2);
}
if (!existsSync(cli)) fail(`${cli} is missing: run npx tsc -p . first`);
if (!existsSync(join(corpus, 'labels.jsonl'))) fail(`no labeled corpus at ${corpus} (set SEOSPAM_CORPUS)`);

function seospam(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 30 });
  if (r.status !== 0 && r.status !== 1) fail(`seospam ${args[0]} failed (exit ${r.status ?? r.signal}): ${r.stderr.trim().split('\n').pop()}`);
  return r.stdout;
}

const checks = [];
function check(name, ok, detail) {
  checks.push(ok);
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}\n`);
}
const pct = (x) => `${(x * 100).toFixed(3)}%`;

const tmp = mkdtempSync(join(tmpdir(), 'seospam-eval-default-'));
try {
  // Seed 3: a synthetic dev set that training never saw, not even for early stopping (train-default steers on seed 2).
  const synthDev = join(tmp, 'synth-dev');
  const made = spawnSync(
    process.execPath,
    [cli, 'synth', '--out', synthDev, '--corpus', corpus, '--material', material, '--split', 'dev', '--seed', '3', '--pages', values['dev-pages']],
    { stdio: ['ignore', 'ignore', 'inherit'], cwd: root },
  );
  if (made.status !== 0) fail('seospam synth failed');
  const result = JSON.parse(seospam(['eval', '--data', corpus, '--data', synthDev, '--model', model, '--format', 'json', '--baselines']));
  process.stdout.write(`backend ${result.backend}, feature set ${result.featureSetVersion}\n`);
  const [main, ...baselines] = result.models;
  const real = main.sets.find((s) => !s.synthetic);
  const synth = main.sets.find((s) => s.synthetic);
  if (!real || !synth) fail('eval gave no real or no synthetic set');

  check('real dev clean-page FPR ≤ 1%', real.page.cleanPageFpr <= 0.01, `${pct(real.page.cleanPageFpr)} of ${real.cleanPages} clean pages`);
  check('real dev false spam chars ≤ 0.5% of clean chars', real.falseSpamCharShare <= 0.005, pct(real.falseSpamCharShare));
  check('synthetic dev block F1 ≥ 0.95', synth.block.f1 >= 0.95, synth.block.f1.toFixed(4));
  check('synthetic dev page recall ≥ 0.97', synth.page.recall >= 0.97, synth.page.recall.toFixed(4));
  for (const b of baselines) {
    for (const set of main.sets) {
      const other = b.sets.find((s) => s.name === set.name);
      if (!other) continue;
      check(`ahead of ${b.model} on ${set.name} (block F1)`, set.block.f1 > other.block.f1, `${set.block.f1.toFixed(4)} vs ${other.block.f1.toFixed(4)}`);
    }
  }
  for (const note of result.notes) process.stdout.write(`note: ${note}\n`);

  if (existsSync(seed)) {
    const scored = seospam(['score', '--format', 'json', '--model', model, seed]).trim();
    let page;
    try {
      page = JSON.parse(scored); // one page: one JSON object (maybe pretty-printed)
    } catch {
      page = JSON.parse(scored.split('\n')[0]); // JSON Lines
    }
    const flagged = new Set();
    for (const b of page.blocks) if (b.spam && b.lines) for (let l = b.lines[0]; l <= b.lines[1]; l++) flagged.add(l);
    const must = [72, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85];
    const missed = must.filter((l) => !flagged.has(l));
    const article = [...flagged].filter((l) => l < 70).sort((a, b) => a - b);
    check('seed: lines 72 and 76–85 flagged', missed.length === 0, missed.length ? `missed lines ${missed.join(', ')}` : 'all flagged');
    check('seed: no article line flagged', article.length === 0, article.length ? `flagged lines ${article.join(', ')}` : 'none flagged');
  } else {
    process.stdout.write(`note: seed page ${seed} absent; seed checks skipped\n`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const failed = checks.filter((ok) => !ok).length;
process.stdout.write(failed ? `${failed} of ${checks.length} checks failed\n` : `all ${checks.length} checks passed\n`);
process.exitCode = failed ? 1 : 0;
