/**
 * One network of a training run: the epoch loop with early stopping on the dev pages and
 * weight averaging, on the flattened training blocks. `train.ts` runs it for each member of
 * an ensemble, in this thread or in worker threads (member-worker.ts), with the same result.
 */
import { Rng } from '../data/synth/prng.js';
import { tf, type tfl } from './backend.js';
import type { PreparedPage } from './dataset.js';
import { bestF1For, evaluateSet } from './evaluate.js';
import { densifyBags, type BlockInputs } from './inputs.js';
import { buildNetwork, scoreMembers, scoringNetwork, type NetworkConfig } from './network.js';
import type { TrainSettings } from './train.js';

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
  /** Wall-clock seconds of this epoch, its dev check included. */
  seconds: number;
  /** This network's last epoch (early stopping or settings.epochs). */
  last: boolean;
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
/** A spam block of a page labelled spam all over, too short to train on (train.ts SPAM_ALL_MIN_CHARS). */
export const SKIP_SHORT = 1;
/** A spam block of a page labelled spam all over, echoing clean pages' text (clean-echoes.ts). */
export const SKIP_ECHO = 2;

export interface BlockSet {
  n: number;
  width: number;
  dense: Float32Array;
  offsets: Int32Array;
  ids: Int32Array;
  vals: Float32Array;
  target: Float32Array;
  /** Non-zero: left out of training, and why (SKIP_SHORT, SKIP_ECHO). */
  skip: Uint8Array;
  /** 1: a spam block of a page labelled spam all over (weighted by settings.spamAllWeight). */
  spamAll: Uint8Array;
}

/**
 * What a member trains on, the same for every member: the blocks, which of them are spam
 * (all trained on each epoch) and clean (sampled), and the dev pages that steer early stopping.
 */
export interface TrainingData {
  width: number;
  network: NetworkConfig;
  set: BlockSet;
  positives: Int32Array;
  cleanBlocks: Int32Array;
  steer: PreparedPage[];
  steerInputs: BlockInputs[];
}

export interface FittedMember {
  model: tfl.LayersModel;
  /** Epochs run before early stopping. */
  epochsRun: number;
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

/** Lets the event loop run (signal handlers set shouldStop there). */
function yieldToEvents(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

/** mean + (next − mean) / count for each tensor; disposes the old means and returns the new ones. */
function runningMean(mean: tf.Tensor[], next: tf.Tensor[], count: number): tf.Tensor[] {
  const out = mean.map((m, i) => tf.tidy(() => tf.add(m, tf.div(tf.sub(next[i] as tf.Tensor, m), count))));
  mean.forEach((t) => t.dispose());
  return out;
}

/**
 * Fits one network from `seed` (member `member` of settings.members), keeping its best dev
 * weights: each epoch sees every spam block and a fresh sample of clean blocks (most clean
 * blocks of synthetic pages repeat their source pages'), class-weighted to balance.
 */
export async function fitMember(
  data: TrainingData,
  settings: TrainSettings,
  seed: number,
  member: number,
  hooks: TrainHooks = {},
): Promise<FittedMember> {
  const { set, width, network, positives, cleanBlocks, steer, steerInputs } = data;
  const negCount = Math.min(cleanBlocks.length, Math.max(settings.negativesPerPositive * positives.length, settings.minNegatives));
  const epochSize = positives.length + negCount;
  const wPos = positives.length ? epochSize / (2 * positives.length) : 1;
  const wNeg = negCount ? epochSize / (2 * negCount) : 1;
  const order = new Int32Array(epochSize);
  const batches = Math.ceil(epochSize / settings.batchSize);
  // One set of batch buffers for the whole fit (tensors copy them): a fresh 2 MB bag matrix
  // per batch cost more in page faults than the batch's arithmetic when members fit side by side.
  const denseBuf = new Float32Array(settings.batchSize * width);
  const yBuf = new Float32Array(settings.batchSize);
  const wBuf = new Float32Array(settings.batchSize);
  const bagBuf = new Float32Array(settings.batchSize * network.bagDims);
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
    const started = performance.now();
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
      const dense = denseBuf.subarray(0, m * width);
      const y = yBuf.subarray(0, m);
      const w = wBuf.subarray(0, m);
      for (let r = 0; r < m; r++) {
        const i = idx[r];
        dense.set(set.dense.subarray(i * width, (i + 1) * width), r * width);
        y[r] = set.target[i];
        w[r] = set.target[i] >= 0.5 ? (set.spamAll[i] ? wPos * settings.spamAllWeight : wPos) : wNeg;
      }
      const bag = densifyBags(set.offsets, set.ids, set.vals, idx, network.bagDims, bagBuf);
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
      const net = scoringNetwork(model);
      const scores = steerInputs.map((x) => scoreMembers([net], x));
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
    const last = epoch === settings.epochs || (best !== null && epoch - best.epoch >= settings.patience);
    const seconds = (performance.now() - started) / 1000;
    hooks.onEpoch?.({ epoch, epochs: settings.epochs, loss: lossSum / epochSize, devF1, devPrAuc, best: isBest, member, members: settings.members, seconds, last });
    if (last) break;
  }
  // Without dev pages to judge epochs by, the kept weights are the running mean at the end.
  if (!best && averaged !== null) model.setWeights(averaged);
  averaged?.forEach((t) => t.dispose());
  if (best) {
    model.setWeights(best.weights);
    best.weights.forEach((t) => t.dispose());
  }
  optimizer.dispose();
  return { model, epochsRun };
}
