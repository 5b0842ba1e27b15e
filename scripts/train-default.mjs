#!/usr/bin/env node
/**
 * Trains the shipped model, models/default, reproducibly: the real corpus plus a
 * synthetic corpus made by `seospam synth` from its train split (--train-mix, default
 * data/synth/train.json: the default mix with more random-letter anchor lists) and a
 * synthetic dev set from its dev split with the default mix (it steers early stopping and
 * the thresholds), fixed seeds, on the built CLI (dist/).
 * It trains --members networks (default 2) from seeds --seed, --seed + 1: an ensemble.
 *
 *   npx tsc -p . && node scripts/train-default.mjs [--pages N] [--out models/default]
 *
 * Env: SEOSPAM_CORPUS (default ../shared/corpus beside the checkout), SEOSPAM_MATERIAL
 * (default ../shared/spam-material), SEOSPAM_BACKEND (node|wasm|cpu).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '3000' },
    'dev-pages': { type: 'string', default: '300' },
    out: { type: 'string', default: 'models/default' },
    seed: { type: 'string', default: '1' },
    members: { type: 'string', default: '2' },
    epochs: { type: 'string' },
    'page-max': { type: 'boolean', default: false },
    'train-mix': { type: 'string', default: 'data/synth/train.json' },
    'spam-all-min-chars': { type: 'string' },
    'negatives-per-positive': { type: 'string' },
    'spam-all-weight': { type: 'string' },
    'spam-all-clean-echo': { type: 'string' },
  },
});
const root = resolve(new URL('..', import.meta.url).pathname);
const cli = join(root, 'dist/cli/main.js');
const corpus = process.env.SEOSPAM_CORPUS ?? resolve(root, '../shared/corpus');
const material = process.env.SEOSPAM_MATERIAL ?? resolve(root, '../shared/spam-material');
if (!existsSync(cli)) fail(`${cli} is missing: run npx tsc -p . first`);
if (!existsSync(join(corpus, 'labels.jsonl'))) fail(`no labeled corpus at ${corpus} (set SEOSPAM_CORPUS)`);

function fail(msg) {
  process.stderr.write(`train-default: ${msg}\n`);
  process.exit(2);
}

function run(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'inherit', 'inherit'], cwd: root });
  if (r.status !== 0) fail(`seospam ${args[0]} failed (exit ${r.status ?? r.signal})`);
}

const started = Date.now();
const tmp = mkdtempSync(join(tmpdir(), 'seospam-train-default-'));
try {
  const synthTrain = join(tmp, 'synth-train');
  const synthDev = join(tmp, 'synth-dev');
  run(['synth', '--out', synthTrain, '--corpus', corpus, '--material', material, '--split', 'train', '--seed', '1', '--pages', values.pages, '--config', resolve(root, values['train-mix'])]);
  run(['synth', '--out', synthDev, '--corpus', corpus, '--material', material, '--split', 'dev', '--seed', '2', '--pages', values['dev-pages']]);
  const train = ['train', '--data', corpus, '--data', synthTrain, '--data', synthDev, '--out', values.out, '--seed', values.seed, '--members', values.members];
  if (values.epochs) train.push('--epochs', values.epochs);
  if (values['spam-all-min-chars']) train.push('--spam-all-min-chars', values['spam-all-min-chars']);
  if (values['negatives-per-positive']) train.push('--negatives-per-positive', values['negatives-per-positive']);
  if (values['spam-all-weight']) train.push('--spam-all-weight', values['spam-all-weight']);
  if (values['spam-all-clean-echo']) train.push('--spam-all-clean-echo', values['spam-all-clean-echo']);
  if (values['page-max']) train.push('--page-max');
  if (process.env.SEOSPAM_BACKEND) train.push('--backend', process.env.SEOSPAM_BACKEND);
  run(train);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const out = resolve(root, values.out);
const bytes = readdirSync(out).reduce((s, f) => s + statSync(join(out, f)).size, 0);
process.stderr.write(`train-default: ${values.out} ${(bytes / 1024).toFixed(0)} KiB, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
if (bytes >= 2 * 1024 * 1024) fail(`${values.out} is ${bytes} bytes, over the 2 MB budget`);
