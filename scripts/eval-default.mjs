#!/usr/bin/env node
/**
 * Checks models/default against its floors on real pages of sites the scoring model never
 * trained on: the model's recipe (meta.json `training`, with the same synthetic augmentation
 * as train-default.mjs) is retrained on grouped folds of every real page (`eval --cv`), and
 * each fold is judged by the model that never saw its sites. Then the seed page and the
 * examples with the shipped model itself. Prints each check PASS/FAIL and exits 1 when any fails.
 *
 *   npx tsc -p . && node scripts/eval-default.mjs [--model models/default] [--synth-pages N]
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cli, corpus, FOLDS, RECIPE, root, run, synthArgs } from './default-recipe.mjs';

const { values } = parseArgs({
  options: { model: { type: 'string', default: 'models/default' }, 'synth-pages': { type: 'string', default: String(RECIPE.synthPages) } },
});
const seed = process.env.SEOSPAM_SEED_PAGE ?? resolve(root, '../shared/seed/000_6278776c4837406b.txt');
const model = resolve(root, values.model);
function fail(msg) {
  process.stderr.write(`eval-default: ${msg}\n`);
  process.exit(2);
}
if (!existsSync(cli)) fail(`${cli} is missing: run npx tsc -p . first`);
if (!existsSync(join(corpus, 'labels.jsonl'))) fail(`no labeled corpus at ${corpus} (set SEOSPAM_CORPUS)`);

/** What each example page is, as the README shows it. */
const EXAMPLES = {
  'news-with-keyword-list.txt': true,
  'blog-with-hidden-links.html': true,
  'spider-pool-page.html': true,
  'clean-article.html': false,
};

const checks = [];
function check(name, ok, detail) {
  checks.push(ok);
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}\n`);
}
const pct = (x) => `${(x * 100).toFixed(2)}%`;
const f3 = (x) => (x === null ? '–' : x.toFixed(3));

const tmp = mkdtempSync(join(tmpdir(), 'seospam-eval-default-'));
try {
  const data = ['--data', corpus];
  if (Number(values['synth-pages']) > 0) {
    const synth = join(tmp, 'synth-train');
    run(synthArgs(synth, values['synth-pages']), 'eval-default');
    data.push('--data', synth);
  }
  const report = JSON.parse(run(['eval', '--cv', String(FOLDS), ...data, '--model', model, '--baselines', '--format', 'json'], 'eval-default', { capture: true }));
  const [main, ...baselines] = report.figures;
  process.stdout.write(`grouped ${report.k}-fold cross-validation over ${report.pages} real pages (${report.spamPages} spam, ${report.mixedPages} mixed) in ${report.groups} groups\n`);
  // The figures side by side, model first, then the baselines trained on the same folds.
  const row = (name, get) => process.stdout.write(`${name.padEnd(28)}${report.figures.map((f) => get(f).padStart(20)).join('')}\n`);
  row('', (f) => f.model);
  row('clean pages flagged', (f) => `${pct(f.cleanPages.fpr)} (${f.cleanPages.flagged})`);
  row('page recall (spam + mixed)', (f) => `${f3(f.pageRecall.all)} (${f.pageRecall.caught})`);
  row('page recall, mixed pages', (f) => f3(f.pageRecall.mixed));
  row('page precision', (f) => f3(f.set.page.precision));
  row('spam-character F1', (f) => f3(f.set.chars.f1));
  row('block PR-AUC', (f) => f3(f.set.averagePrecision));
  check('clean-page FPR ≤ 1%', main.cleanPages.fpr <= 0.01, `${pct(main.cleanPages.fpr)} (${main.cleanPages.flagged} of ${main.cleanPages.of})`);
  const langs = main.byLanguage.filter((l) => l.clean >= 30);
  const worst = langs.filter((l) => l.fpr > 0.02);
  check('clean-page FPR ≤ 2% in each language with 30+ clean pages', worst.length === 0, langs.map((l) => `${l.lang} ${pct(l.fpr)} (${l.flagged}/${l.clean})`).join(', '));
  check('page recall ≥ 0.90 (spam and mixed)', main.pageRecall.all >= 0.9, `${f3(main.pageRecall.all)} (${main.pageRecall.caught} of ${main.pageRecall.of})`);
  check('page recall ≥ 0.80 (mixed)', (main.pageRecall.mixed ?? 0) >= 0.8, f3(main.pageRecall.mixed));
  check('spam-character F1 ≥ 0.80', main.set.chars.f1 >= 0.8, f3(main.set.chars.f1));
  check('block PR-AUC ≥ 0.85', (main.set.averagePrecision ?? 0) >= 0.85, f3(main.set.averagePrecision));
  const figure = {
    'clean-page FPR (lower)': (f) => -f.cleanPages.fpr,
    'page recall': (f) => f.pageRecall.all ?? 0,
    'page precision': (f) => f.set.page.precision,
    'spam-character F1': (f) => f.set.chars.f1,
    'block PR-AUC': (f) => f.set.averagePrecision ?? 0,
  };
  for (const b of baselines) {
    const behind = Object.entries(figure).filter(([, get]) => !(get(main) > get(b)));
    check(`ahead of ${b.model} on every figure`, behind.length === 0, behind.length ? `not ahead on ${behind.map(([n]) => n).join(', ')}` : Object.entries(figure).map(([n, get]) => `${n} ${Math.abs(get(main)).toFixed(3)} vs ${Math.abs(get(b)).toFixed(3)}`).join('; '));
  }
  for (const note of report.notes) process.stdout.write(`note: ${note}\n`);

  if (existsSync(seed)) {
    const page = JSON.parse(run(['score', '--format', 'jsonl', '--model', model, seed], 'eval-default', { capture: true, okStatus: [1] }).trim().split('\n')[0]);
    const flagged = new Set();
    for (const b of page.blocks) if (b.spam && b.lines) for (let l = b.lines[0]; l <= b.lines[1]; l++) flagged.add(l);
    const missed = [72, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85].filter((l) => !flagged.has(l));
    const article = [...flagged].filter((l) => l < 70).sort((a, b) => a - b);
    check('seed: lines 72 and 76–85 flagged (0-based)', missed.length === 0, missed.length ? `missed lines ${missed.join(', ')}` : 'all flagged');
    check('seed: no article line flagged', article.length === 0, article.length ? `flagged lines ${article.join(', ')}` : 'none flagged');
  } else {
    process.stdout.write(`note: seed page ${seed} absent; seed checks skipped\n`);
  }
  for (const [file, spam] of Object.entries(EXAMPLES)) {
    const page = JSON.parse(run(['score', '--format', 'jsonl', '--model', model, join(root, 'data/examples', file)], 'eval-default', { capture: true, okStatus: [1] }).trim().split('\n')[0]);
    check(`data/examples/${file} reads ${spam ? 'spam' : 'clean'}`, page.spam === spam, `${page.spam ? 'spam' : 'clean'}, score ${page.score.toFixed(3)}`);
  }
  const bytes = readdirSync(model).reduce((s, f) => s + statSync(join(model, f)).size, 0);
  check('model folder under 2 MB', bytes < 2 * 1024 * 1024, `${(bytes / 1024).toFixed(0)} KiB`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const failed = checks.filter((ok) => !ok).length;
process.stdout.write(failed ? `${failed} of ${checks.length} checks failed\n` : `all ${checks.length} checks passed\n`);
process.exitCode = failed ? 1 : 0;
