/**
 * The shipped model's recipe, shared by train-default.mjs (which makes models/default) and
 * eval-default.mjs (which retrains it fold by fold to judge it on sites it never saw): the
 * synthetic augmentation it is trained with and the train flags.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const root = resolve(new URL('..', import.meta.url).pathname);
export const cli = resolve(root, 'dist/cli/main.js');
export const corpus = process.env.SEOSPAM_CORPUS ?? resolve(root, '../shared/corpus');
export const material = process.env.SEOSPAM_MATERIAL ?? resolve(root, '../shared/spam-material');
/** Grouped folds of the cross-validation that chooses the thresholds (and that eval:default reports). */
export const FOLDS = 5;

/** Synthetic spam injected into real clean train pages: augmentation for kinds the real pages lack (off in the shipped recipe). */
export function synthArgs(out, pages) {
  return ['synth', '--out', out, '--corpus', corpus, '--material', material, '--split', 'train', '--seed', '1', '--pages', String(pages), '--config', resolve(root, 'data/synth/train.json')];
}

/** Runs the built CLI, failing the script with the command's last line of stderr. */
export function run(args, name, opts = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 30, stdio: ['ignore', opts.capture ? 'pipe' : 'inherit', opts.capture ? 'pipe' : 'inherit'] });
  if (r.status !== 0 && !(opts.okStatus ?? []).includes(r.status)) {
    process.stderr.write(`${name}: seospam ${args[0]} failed (exit ${r.status ?? r.signal})${r.stderr ? `: ${r.stderr.trim().split('\n').pop()}` : ''}\n`);
    process.exit(2);
  }
  return r.stdout;
}

/**
 * The shipped recipe's settings (train-default.mjs flags override them for trials). No synthetic
 * pages: under grouped cross-validation 3,000 of them (data/synth/train.json) cost real sites
 * page recall and clean Chinese pages false alarms (docs/history.md, session 11).
 */
export const RECIPE = { synthPages: 0, members: 1, epochs: 15, maxCleanPageFpr: 0.01 };
