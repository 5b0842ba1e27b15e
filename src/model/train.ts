/**
 * Training: fits the normalizer on the train split, trains the block network with
 * class weights and a fixed seed, early-stops on dev pages (PR-AUC), picks the
 * threshold on dev for the precision asked, and records everything in meta.
 * Writing the model folder is left to the caller (train-model.ts saves only at the end).
 */
import { Rng } from '../data/synth/prng.js';
import { currentBackend, tf, tfl } from './backend.js';
import type { PreparedPage } from './dataset.js';
import { bestF1For, capCleanPageFpr, capLongBlockFpr, devMetrics, evaluateSet, longBlockThreshold, thresholdFor } from './evaluate.js';
import { buildBlockInputs, densifyBags, denseWidth, type BlockInputs } from './inputs.js';
import { META_FORMAT, type FeatureRange, type ModelMeta } from './meta.js';
import { quantile } from './metrics.js';
import { buildNetwork, DEFAULT_NETWORK, scoreMembers, scoringNetwork, type NetworkConfig, type ScoringNetwork } from './network.js';
import { fitNormalizer, type Normalizer } from './normalize.js';
import { DEFAULT_MIN_CHARS, DEFAULT_WHOLE_PAGE, LONG_BLOCK_CHARS, type LongBlockRule, type RollupSettings, type WholePageRule } from './rollup.js';
import { UsageError } from '../errors.js';

export interface TrainSettings {
  /** Most epochs; training stops earlier when dev PR-AUC stops improving. */
  epochs: number;
  /** Epochs without dev improvement before stopping. */
  patience: number;
  seed: number;
  /** Block precision asked of the threshold on dev pages. */
  precision: number;
  /** Share of real dev clean pages the threshold may flag at most; it is raised until it does (1: no cap). */
  maxCleanPageFpr: number;
  batchSize: number;
  learningRate: number;
  /** Clean blocks sampled per epoch: this many per spam block, at least minNegatives. */
  negativesPerPositive: number;
  minNegatives: number;
  network: NetworkConfig;
  minChars: number;
  /** Spam blocks under this many characters on pages labelled spam all over are not trained on (0: all are; see SPAM_ALL_MIN_CHARS). */
  spamAllMinChars: number;
  /** The spam-page rule recorded in the model's rollup (null: off). */
  wholePage: WholePageRule | null;
  /** Blocks of this many characters or more get a threshold of their own, chosen on dev like the block threshold (0: off). */
  longBlockChars: number;
  /** Dev pages that steer early stopping and the threshold: real only, or real and synthetic. */
  steer: 'real' | 'all';
  /**
   * From this epoch on, the weights judged on dev (and kept) are the running mean of the
   * weights at the end of each epoch since (Polyak averaging): one epoch's weights swing a
   * lot on the few real spam blocks. 0 turns it off.
   */
  averageFrom: number;
  /** Networks trained from seeds seed, seed + 1, …; the block score is their mean logit (an ensemble); 1: one network. */
  members: number;
}

/**
 * A spam block shorter than this on a page labelled spam all over (`spam.all`) is spam by its
 * page, not by its text ("上一篇：…", "E-mail：", a date line of the generated site): the block
 * model does not learn from it — it would learn that short menu lines are spam everywhere — and
 * the rollup's spam-page rule flags it.
 */
export const SPAM_ALL_MIN_CHARS = 20;

export const DEFAULT_TRAIN: TrainSettings = {
  epochs: 30,
  patience: 5,
  seed: 1,
  precision: 0.99,
  maxCleanPageFpr: 0.01,
  batchSize: 256,
  learningRate: 2e-3,
  negativesPerPositive: 4,
  minNegatives: 20000,
  network: DEFAULT_NETWORK,
  minChars: DEFAULT_MIN_CHARS,
  wholePage: DEFAULT_WHOLE_PAGE,
  longBlockChars: LONG_BLOCK_CHARS,
  spamAllMinChars: SPAM_ALL_MIN_CHARS,
  steer: 'all',
  averageFrom: 3,
  members: 1,
};

export interface EpochReport {
  epoch: number;
  epochs: number;
  loss: number;
  /** Block F1 on the early-stopping dev set at its best threshold; null without dev spam. */
  devF1: number | null;
  devPrAuc: number | null;
  /** This epoch is the best so far (its weights are kept). */
  best: boolean;
  /** The network being trained (1-based) of how many (settings.members). */
  member: number;
  members: number;
}

export interface TrainHooks {
  onEpoch?(report: EpochReport): void;
  onBatch?(done: number, total: number): void;
  /** Checked between batches; true aborts with TrainingInterrupted. */
  shouldStop?(): boolean;
  /** Lines for a person (threshold notes, data summary). */
  log?(line: string): void;
}

/** Thrown when hooks.shouldStop() asks to stop; nothing was written. */
export class TrainingInterrupted extends Error {
  constructor() {
    super('training interrupted');
    this.name = 'TrainingInterrupted';
  }
}

/** All training blocks in flat arrays. */
interface BlockSet {
  n: number;
  width: number;
  dense: Float32Array;
  offsets: Int32Array;
  ids: Int32Array;
  vals: Float32Array;
  target: Float32Array;
  /** 1: left out of training (see SPAM_ALL_MIN_CHARS). */
  skip: Uint8Array;
}

function flattenInputs(inputs: BlockInputs[], pages: PreparedPage[], width: number, spamAllMinChars: number): BlockSet {
  const n = inputs.reduce((s, x) => s + x.n, 0);
  const nnz = inputs.reduce((s, x) => s + x.bagIds.length, 0);
  const set: BlockSet = {
    n,
    width,
    dense: new Float32Array(n * width),
    offsets: new Int32Array(n + 1),
    ids: new Int32Array(nnz),
    vals: new Float32Array(nnz),
    target: new Float32Array(n),
    skip: new Uint8Array(n),
  };
  let row = 0;
  let at = 0;
  inputs.forEach((x, k) => {
    set.dense.set(x.dense, row * width);
    set.ids.set(x.bagIds, at);
    set.vals.set(x.bagVals, at);
    for (let i = 0; i < x.n; i++) {
      set.offsets[row + i + 1] = at + x.bagOffsets[i + 1];
      set.target[row + i] = pages[k].spamShare[i];
      if (pages[k].spamAll && pages[k].isSpam[i] && pages[k].chars[i] < spamAllMinChars) set.skip[row + i] = 1;
    }
    row += x.n;
    at += x.bagIds.length;
  });
  return set;
}

/** Fisher–Yates shuffle in place with the seeded generator. */
function shuffle(a: { length: number; [i: number]: number }, rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/**
 * Runs fn with Math.random replaced by a seeded generator: tfjs dropout draws its
 * per-call seed from Math.random, so this makes training reproducible.
 */
function withRandom<T>(rand: () => number, fn: () => T): T {
  const saved = Math.random;
  Math.random = rand;
  try {
    return fn();
  } finally {
    Math.random = saved;
  }
}

function cleanRanges(columns: readonly string[], pages: readonly PreparedPage[]): Record<string, FeatureRange> {
  const rows: Float32Array[] = [];
  for (const p of pages) p.matrix.rows.forEach((r, i) => !p.isSpam[i] && rows.push(r));
  const stride = Math.max(1, Math.floor(rows.length / 20000));
  const sample = rows.filter((_, i) => i % stride === 0);
  const out: Record<string, FeatureRange> = {};
  columns.forEach((c, k) => {
    const v = Float64Array.from(sample, (r) => r[k]).sort();
    out[c] = { p5: quantile(v, 0.05), p50: quantile(v, 0.5), p95: quantile(v, 0.95) };
  });
  return out;
}

/** Lets the event loop run (signal handlers set shouldStop there). */
function yieldToEvents(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

export interface TrainedModel {
  /** The trained networks: settings.members of them (an ensemble), in seed order. */
  models: tfl.LayersModel[];
  scoring: ScoringNetwork[];
  meta: ModelMeta;
}

export interface TrainInfo {
  name: string;
  corpora: string[];
  fingerprint: string;
}

/** Share of the way from the highest clean title score to 1 where the title threshold sits. */
export const TITLE_MARGIN = 0.25;

/**
 * Title threshold from the title scores of real clean pages, train and dev (the network
 * never trains on titles, so these are unseen; dev titles count too, as real dev clean
 * pages cap the block threshold): a quarter of the way from the highest of them to 1.
 * Undefined (titles not judged) without clean pages to set it on.
 */
export function chooseTitleThreshold(cleanTitleScores: readonly number[]): number | undefined {
  if (cleanTitleScores.length === 0) return undefined;
  const top = Math.max(...cleanTitleScores);
  return top + (1 - top) * TITLE_MARGIN;
}

/** mean + (next − mean) / count for each tensor; disposes the old means and returns the new ones. */
function runningMean(mean: tf.Tensor[], next: tf.Tensor[], count: number): tf.Tensor[] {
  const out = mean.map((m, i) => tf.tidy(() => tf.add(m, tf.div(tf.sub(next[i] as tf.Tensor, m), count))));
  mean.forEach((t) => t.dispose());
  return out;
}

/** Trains on prepared pages; dev pages (see settings.steer) steer early stopping and the threshold; real and synthetic dev metrics go to meta apart. */
export async function trainOnPages(
  train: PreparedPage[],
  dev: PreparedPage[],
  settings: TrainSettings,
  info: TrainInfo,
  hooks: TrainHooks = {},
): Promise<TrainedModel> {
  if (train.length === 0) throw new UsageError('no training pages (split "train") in the corpora given');
  const columns = [...train[0].matrix.columns];
  const tokenizer = train[0].matrix.tokenizer;
  const version = train[0].matrix.version;
  const network = { ...settings.network, bagDims: Math.min(settings.network.bagDims, tokenizer.bagBuckets) };
  const allRows = train.flatMap((p) => p.matrix.rows);
  const norm: Normalizer = fitNormalizer(columns, allRows);
  const width = denseWidth(columns.length, network);
  const set = flattenInputs(
    train.map((p) => buildBlockInputs(p.matrix, norm, network)),
    train,
    width,
    settings.spamAllMinChars,
  );
  const realDev = dev.filter((p) => !p.synthetic);
  const synthDev = dev.filter((p) => p.synthetic);
  // Pages that steer early stopping and the threshold: real dev pages only ('real'), or real
  // and synthetic dev pages together ('all': the real dev split holds few spam blocks, while
  // synthetic dev spam sits on real dev pages, so precision still counts real clean blocks).
  const hasSpam = (ps: PreparedPage[]) => ps.some((p) => p.isSpam.some(Boolean));
  const wanted = settings.steer === 'real' ? realDev : dev;
  const steer = hasSpam(wanted) ? wanted : hasSpam(dev) ? dev : [];
  if (steer !== wanted) {
    hooks.log?.(
      steer.length
        ? 'real dev pages have no spam blocks: early stopping and threshold use synthetic dev pages too'
        : 'no dev pages with spam blocks: no early stopping, threshold 0.5',
    );
  }
  const steerInputs = steer.map((p) => buildBlockInputs(p.matrix, norm, network));
  const scoreAll = (inputs: BlockInputs[], nets: readonly ScoringNetwork[]) => inputs.map((x) => scoreMembers(nets, x));

  // Each epoch sees every spam block and a fresh sample of clean blocks (most clean
  // blocks of synthetic pages repeat their source pages'), class-weighted to balance.
  const positives: number[] = [];
  const cleanBlocks: number[] = [];
  for (let i = 0; i < set.n; i++) if (!set.skip[i]) (set.target[i] >= 0.5 ? positives : cleanBlocks).push(i);
  const skipped = set.skip.reduce((s, x) => s + x, 0);
  if (skipped > 0) hooks.log?.(`${skipped} spam blocks under ${settings.spamAllMinChars} characters on pages labelled spam all over are left to the spam-page rule (not trained on)`);
  const negCount = Math.min(cleanBlocks.length, Math.max(settings.negativesPerPositive * positives.length, settings.minNegatives));
  const epochSize = positives.length + negCount;
  const wPos = positives.length ? epochSize / (2 * positives.length) : 1;
  const wNeg = negCount ? epochSize / (2 * negCount) : 1;
  const order = new Int32Array(epochSize);
  const batches = Math.ceil(epochSize / settings.batchSize);
  /** Fits one network from `seed` (member `member` of settings.members), keeping its best dev weights. */
  const fitMember = async (seed: number, member: number): Promise<{ model: tfl.LayersModel; epochsRun: number }> => {
    const model = buildNetwork(network, width, seed);
    const optimizer = tf.train.adam(settings.learningRate);
    const rng = new Rng(seed);
    const rand = (): number => rng.next();
    // Its own copy of the clean sample's order, so each member depends on its seed alone.
    const negatives = cleanBlocks.slice();
    let best: { auc: number; epoch: number; weights: tf.Tensor[] } | null = null;
    let averaged: tf.Tensor[] | null = null;
    let epochsRun = 0;
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      shuffle(negatives, rand);
      order.set(positives, 0);
      order.set(negatives.slice(0, negCount), positives.length);
      shuffle(order, rand);
      let lossSum = 0;
      for (let b = 0; b < batches; b++) {
        if (hooks.shouldStop?.()) {
          best?.weights.forEach((w) => w.dispose());
          averaged?.forEach((w) => w.dispose());
          model.dispose();
          throw new TrainingInterrupted();
        }
        const idx = order.subarray(b * settings.batchSize, Math.min(epochSize, (b + 1) * settings.batchSize));
        const m = idx.length;
        const dense = new Float32Array(m * width);
        const y = new Float32Array(m);
        const w = new Float32Array(m);
        for (let r = 0; r < m; r++) {
          const i = idx[r];
          dense.set(set.dense.subarray(i * width, (i + 1) * width), r * width);
          y[r] = set.target[i];
          w[r] = set.target[i] >= 0.5 ? wPos : wNeg;
        }
        const bag = densifyBags(set.offsets, set.ids, set.vals, idx, network.bagDims);
        const loss = withRandom(rand, () =>
          tf.tidy(() => {
            const xs = [tf.tensor2d(dense, [m, width]), tf.tensor2d(bag, [m, network.bagDims])];
            const yt = tf.tensor2d(y, [m, 1]);
            const wt = tf.tensor2d(w, [m, 1]);
            const cost = optimizer.minimize(() => {
              const p = tf.clipByValue(model.apply(xs, { training: true }) as tf.Tensor, 1e-7, 1 - 1e-7);
              const bce = tf.neg(tf.add(tf.mul(yt, tf.log(p)), tf.mul(tf.sub(1, yt), tf.log(tf.sub(1, p)))));
              let total = tf.div(tf.sum(tf.mul(bce, wt)), tf.sum(wt)) as tf.Scalar;
              for (const reg of model.calculateLosses()) total = tf.add(total, reg) as tf.Scalar;
              return total;
            }, true);
            return cost!.dataSync()[0];
          }),
        );
        lossSum += loss * m;
        hooks.onBatch?.(b + 1, batches);
        if (b % 20 === 19) await yieldToEvents();
      }
      await yieldToEvents();
      epochsRun = epoch;
      let devF1: number | null = null;
      let devPrAuc: number | null = null;
      let isBest = false;
      // The weights judged this epoch: the running mean once averaging has started, else the current ones.
      let current: tf.Tensor[] | null = null;
      if (settings.averageFrom > 0 && epoch >= settings.averageFrom) {
        current = model.getWeights().map((t) => t.clone());
        averaged = averaged === null ? current.map((t) => t.clone()) : runningMean(averaged, current, epoch - settings.averageFrom + 1);
        model.setWeights(averaged);
      }
      if (steer.length) {
        const scores = scoreAll(steerInputs, [scoringNetwork(model)]);
        const ev = evaluateSet('dev', false, steer, scores, { threshold: 0.5, minChars: settings.minChars });
        devPrAuc = ev.averagePrecision;
        devF1 = bestF1For(steer, scores);
        const auc = devPrAuc ?? 0;
        if (!best || auc > best.auc + 1e-6) {
          best?.weights.forEach((t) => t.dispose());
          best = { auc, epoch, weights: model.getWeights().map((t) => t.clone()) };
          isBest = true;
        }
      }
      if (current !== null) {
        // Training goes on from the epoch's own weights, not the mean.
        model.setWeights(current);
        current.forEach((t) => t.dispose());
      }
      hooks.onEpoch?.({ epoch, epochs: settings.epochs, loss: lossSum / epochSize, devF1, devPrAuc, best: isBest, member, members: settings.members });
      if (best && epoch - best.epoch >= settings.patience) break;
    }
    averaged?.forEach((t) => t.dispose());
    if (best) {
      model.setWeights(best.weights);
      best.weights.forEach((t) => t.dispose());
    }
    optimizer.dispose();
    return { model, epochsRun };
  };
  const models: tfl.LayersModel[] = [];
  let epochsRun = 0;
  try {
    for (let k = 0; k < settings.members; k++) {
      const fitted = await fitMember(settings.seed + k, k + 1);
      models.push(fitted.model);
      epochsRun = Math.max(epochsRun, fitted.epochsRun);
    }
  } catch (err) {
    models.forEach((m) => m.dispose());
    throw err;
  }
  const scoring = models.map(scoringNetwork);
  // The kept network's block scores, once per page: the threshold, its cap and the dev reports all read them.
  const finalScores = new Map<PreparedPage, Float32Array>();
  scoreAll(steerInputs, scoring).forEach((s, k) => finalScores.set(steer[k] as PreparedPage, s));
  const blockScores = (p: PreparedPage): Float32Array => {
    let s = finalScores.get(p);
    if (s === undefined) {
      s = scoreMembers(scoring, buildBlockInputs(p.matrix, norm, network));
      finalScores.set(p, s);
    }
    return s;
  };

  let threshold = 0.5;
  let choice = { precision: 1, recall: 0, reached: false };
  if (steer.length) {
    const c = thresholdFor(steer, steer.map(blockScores), settings.precision);
    threshold = c.threshold;
    choice = c;
    if (!c.reached) {
      hooks.log?.(
        `block precision ${settings.precision} is not reachable on dev; took the best-F1 threshold ${c.threshold.toFixed(4)} (precision ${c.precision.toFixed(4)}, recall ${c.recall.toFixed(4)})`,
      );
    }
  }
  let raisedForCleanPages = false;
  if (settings.maxCleanPageFpr < 1 && realDev.length > 0) {
    const capped = capCleanPageFpr(realDev, realDev.map(blockScores), threshold, settings.maxCleanPageFpr, settings.minChars);
    if (capped > threshold) {
      hooks.log?.(
        `threshold raised ${threshold.toFixed(4)} -> ${capped.toFixed(4)} so that at most ${(settings.maxCleanPageFpr * 100).toFixed(1)}% of real dev clean pages are flagged`,
      );
      threshold = capped;
      raisedForCleanPages = true;
    }
  }
  let longBlocks: LongBlockRule | undefined;
  if (settings.longBlockChars > 0 && steer.length) {
    const minChars = settings.longBlockChars;
    let t = longBlockThreshold(steer, steer.map(blockScores), settings.precision, minChars, threshold);
    if (t !== null && settings.maxCleanPageFpr < 1 && realDev.length > 0) {
      const capped = capLongBlockFpr(realDev, realDev.map(blockScores), { threshold, minChars: settings.minChars }, { minChars, threshold: t }, settings.maxCleanPageFpr);
      if (capped !== t) hooks.log?.(`long-block threshold ${t.toFixed(4)} -> ${capped === null ? 'off' : capped.toFixed(4)} so that at most ${(settings.maxCleanPageFpr * 100).toFixed(1)}% of real dev clean pages are flagged`);
      t = capped;
    }
    if (t !== null) longBlocks = { minChars, threshold: t };
  }
  const titleScore = (p: PreparedPage): number =>
    p.titleMatrix ? Math.max(0, ...scoreMembers(scoring, buildBlockInputs(p.titleMatrix, norm, network))) : 0;
  // Pages without a title (text pages, empty titles) say nothing about where clean titles score.
  const titleThreshold = chooseTitleThreshold(
    [...train, ...realDev].filter((p) => !p.synthetic && p.label === 'clean' && p.titleMatrix !== null).map(titleScore),
  );
  const rollup: RollupSettings = {
    threshold,
    minChars: settings.minChars,
    ...(titleThreshold === undefined ? {} : { titleThreshold }),
    ...(settings.wholePage === null ? {} : { wholePage: settings.wholePage }),
    ...(longBlocks === undefined ? {} : { longBlocks }),
  };
  const report = (pages: PreparedPage[], name: string, synthetic: boolean) =>
    pages.length
      ? devMetrics(
          evaluateSet(
            name,
            synthetic,
            pages,
            pages.map(blockScores),
            rollup,
            pages.map(titleScore),
          ),
        )
      : null;
  const meta: ModelMeta = {
    format: META_FORMAT,
    name: info.name,
    featureSetVersion: version,
    columns,
    normalizer: norm,
    tokenizer,
    network,
    ...(settings.members > 1 ? { members: settings.members } : {}),
    rollup,
    threshold: {
      precisionTarget: settings.precision,
      reached: choice.reached,
      devPrecision: choice.precision,
      devRecall: choice.recall,
      maxCleanPageFpr: settings.maxCleanPageFpr,
      raisedForCleanPages,
    },
    fingerprint: info.fingerprint,
    corpora: info.corpora,
    trainBlocks: set.n,
    trainSpamBlocks: Array.from(set.target).filter((t) => t >= 0.5).length,
    epochs: epochsRun,
    dev: report(realDev, 'real dev', false),
    devSynthetic: report(synthDev, 'synthetic dev', true),
    date: new Date().toISOString(),
    seed: settings.seed,
    backend: currentBackend() ?? 'cpu',
    cleanRanges: cleanRanges(columns, train),
  };
  return { models, scoring, meta };
}
