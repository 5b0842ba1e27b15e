#!/usr/bin/env node
/**
 * Trains the shipped model, models/default, reproducibly: every real page of the corpus (both
 * splits) plus synthetic spam made by `seospam synth` from its clean train pages, fixed seeds,
 * on the built CLI (dist/). The thresholds are chosen on each real page's score from a grouped
 * cross-validation model that never saw its site (`train --cv`).
 *
 *   npx tsc -p . && node scripts/train-default.mjs [--synth-pages N] [--members N] [--epochs N] [--out DIR]
 *
 * Env: SEOSPAM_CORPUS (default ../shared/corpus beside the checkout), SEOSPAM_MATERIAL
 * (default ../shared/spam-material), SEOSPAM_BACKEND (node|wasm|cpu).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cli, corpus, FOLDS, RECIPE, root, run, synthArgs } from './default-recipe.mjs';

const { values } = parseArgs({
  options: {
    'synth-pages': { type: 'string', default: String(RECIPE.synthPages) },
    members: { type: 'string', default: String(RECIPE.members) },
    epochs: { type: 'string', default: String(RECIPE.epochs) },
    'max-clean-page-fpr': { type: 'string', default: String(RECIPE.maxCleanPageFpr) },
    out: { type: 'string', default: 'models/default' },
  },
});
function fail(msg) {
  process.stderr.write(`train-default: ${msg}\n`);
  process.exit(2);
}
if (!existsSync(cli)) fail(`${cli} is missing: run npx tsc -p . first`);
if (!existsSync(join(corpus, 'labels.jsonl'))) fail(`no labeled corpus at ${corpus} (set SEOSPAM_CORPUS)`);

const started = Date.now();
const tmp = mkdtempSync(join(tmpdir(), 'seospam-train-default-'));
try {
  const data = ['--data', corpus];
  if (Number(values['synth-pages']) > 0) {
    const synth = join(tmp, 'synth-train');
    run(synthArgs(synth, values['synth-pages']), 'train-default');
    data.push('--data', synth);
  }
  const train = ['train', ...data, '--out', values.out, '--cv', String(FOLDS), '--seed', '1', '--members', values.members, '--epochs', values.epochs, '--max-clean-page-fpr', values['max-clean-page-fpr']];
  if (process.env.SEOSPAM_BACKEND) train.push('--backend', process.env.SEOSPAM_BACKEND);
  run(train, 'train-default');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const out = resolve(root, values.out);
const bytes = readdirSync(out).reduce((s, f) => s + statSync(join(out, f)).size, 0);
process.stderr.write(`train-default: ${values.out} ${(bytes / 1024).toFixed(0)} KiB, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
if (bytes >= 2 * 1024 * 1024) fail(`${values.out} is ${bytes} bytes, over the 2 MB budget`);
