/** `seospam train`'s engine: load corpora, train, save the model folder only when training finished. */
import { basename } from 'node:path';
import { DEFAULT_TOKENIZER, FEATURE_SET_VERSION } from '../features/index.js';
import { currentBackend, selectBackend, type BackendName } from './backend.js';
import { corpusFingerprint, loadPages } from './dataset.js';
import { saveModel } from './io.js';
import type { ModelMeta } from './meta.js';
import { DEFAULT_TRAIN, TrainingInterrupted, trainOnPages, type TrainHooks, type TrainSettings } from './train.js';
import { crossValidate, heldOut } from './crossval.js';
import { loadAllPages } from './crossval-eval.js';
import { devMetrics, evaluateSet } from './evaluate.js';
import { groupOf } from './folds.js';
import { UsageError } from '../errors.js';

export interface TrainOptions {
  data: string[];
  out: string;
  settings?: Partial<TrainSettings>;
  backend?: BackendName;
  /**
   * Grouped k-fold cross-validation (k >= 2): the model trains on every real page of both
   * splits (and the synthetic ones), and its rollup is chosen on each real page's score from
   * the fold model that never saw its site. Absent: train split fits, dev split steers.
   */
  crossValidation?: number;
  /** The block threshold to record when there are no dev pages to choose it on (without it, training without dev pages or --cv is refused). */
  threshold?: number;
}

/** Loads the corpora, trains, and saves the model folder (atomically, only when training finished). */
export async function trainModel(options: TrainOptions, hooks: TrainHooks = {}): Promise<ModelMeta> {
  const settings = { ...DEFAULT_TRAIN, ...options.settings };
  await selectBackend(options.backend);
  const tokenizer = DEFAULT_TOKENIZER;
  if (options.crossValidation !== undefined) return trainCrossValidated(options, settings, options.crossValidation, hooks);
  const train = await loadPages(options.data, 'train', tokenizer);
  const dev = await loadPages(options.data, 'dev', tokenizer);
  for (const e of [...train.errors, ...dev.errors]) hooks.log?.(`skipped ${e}`);
  if (!dev.pages.some((p) => p.isSpam.some(Boolean)) && options.threshold === undefined) {
    throw new UsageError(
      `no dev pages with spam blocks in ${options.data.join(', ')} to choose the thresholds on: add some, use --cv K (thresholds from cross-validation), or name one with --threshold T`,
    );
  }
  hooks.log?.(
    `train: ${train.pages.length} pages (${train.pages.filter((p) => p.synthetic).length} synthetic); dev: ${dev.pages.length} pages (${dev.pages.filter((p) => p.synthetic).length} synthetic); feature set ${FEATURE_SET_VERSION}; backend ${currentBackend()}`,
  );
  const fingerprint = await corpusFingerprint(options.data, train.pages);
  const trained = await trainOnPages(train.pages, dev.pages, settings, {
    name: basename(options.out),
    corpora: options.data.map((d) => basename(d)),
    fingerprint,
  }, hooks);
  if (hooks.shouldStop?.()) throw new TrainingInterrupted();
  if (options.threshold !== undefined) {
    // The caller's threshold judges every block: no rule chosen on dev pages stays.
    const { threshold: _, longBlocks: _long, ...rest } = trained.meta.rollup;
    trained.meta.rollup = { ...rest, threshold: options.threshold };
  }
  await saveModel(trained.models, trained.meta, options.out);
  trained.models.forEach((m) => m.dispose());
  return trained.meta;
}

/** `train --cv K`: all real pages train the model; the rollup is chosen on their held-out scores. */
async function trainCrossValidated(options: TrainOptions, settings: TrainSettings, k: number, hooks: TrainHooks): Promise<ModelMeta> {
  const { real, synthetic, errors } = await loadAllPages(options.data, DEFAULT_TOKENIZER);
  for (const e of errors) hooks.log?.(`skipped ${e}`);
  if (!real.some((p) => p.label !== 'clean') || !real.some((p) => p.label === 'clean')) {
    throw new UsageError(`--cv needs real clean and spam pages in ${options.data.join(', ')}`);
  }
  hooks.log?.(`train: ${real.length} real pages (both splits) and ${synthetic.length} synthetic; grouped ${k}-fold cross-validation first; feature set ${FEATURE_SET_VERSION}; backend ${currentBackend()}`);
  const cv = await crossValidate(real, synthetic, settings, k, hooks);
  if (hooks.shouldStop?.()) throw new TrainingInterrupted();
  const all = [...real, ...synthetic];
  const fingerprint = await corpusFingerprint(options.data, all);
  hooks.log?.(`final model: training on all ${all.length} pages`);
  const calibration = heldOut(cv);
  const trained = await trainOnPages(all, [], settings, { name: basename(options.out), corpora: options.data.map((d) => basename(d)), fingerprint }, hooks, { calibration });
  if (hooks.shouldStop?.()) throw new TrainingInterrupted();
  const rollups = cv.folds.map((f) => cv.foldRollups[f]);
  const meta: ModelMeta = {
    ...trained.meta,
    dev: devMetrics(evaluateSet('real, cross-validated', false, cv.pages, cv.scores, rollups, cv.titleScores)),
    devSynthetic: null,
    calibratedOn: { crossValidation: k, pages: cv.pages.length, groups: new Set(cv.pages.map(groupOf)).size },
  };
  await saveModel(trained.models, meta, options.out);
  trained.models.forEach((m) => m.dispose());
  return meta;
}
