/**
 * Training: fits the normalizer on the train split, trains the block network with
 * class weights and a fixed seed, early-stops on dev pages (PR-AUC), picks the
 * threshold on dev for the precision asked, and records everything in meta.
 * Writing the model folder is left to the caller (train-model.ts saves only at the end).
 */
import { currentBackend, type tfl } from './backend.js';
import type { PreparedPage } from './dataset.js';
import { capCleanPageFpr, capLongBlockFpr, devMetrics, evaluateSet, longBlockThreshold, thresholdFor } from './evaluate.js';
import { buildBlockInputs, denseWidth, type BlockInputs } from './inputs.js';
import { META_FORMAT, type FeatureRange, type ModelMeta } from './meta.js';
import { quantile } from './metrics.js';
import { DEFAULT_NETWORK, scoreMembers, scoringNetwork, type NetworkConfig, type ScoringNetwork } from './network.js';
import { fitNormalizer, type Normalizer } from './normalize.js';
import {
  DEFAULT_MIN_CHARS,
  DEFAULT_WHOLE_PAGE,
  LONG_BLOCK_CHARS,
  rollupPage,
  type LongBlockRule,
  type RollupSettings,
  type TableCellRule,
  type WholePageRule,
} from './rollup.js';
import { type RandomLetterRule } from './random-letters.js';
import { blockFacts } from './block-facts.js';
import { cleanEchoShare, cleanPieces } from './clean-echoes.js';
import { UsageError } from '../errors.js';
import { fitMember, SKIP_ECHO, SKIP_SHORT, type BlockSet, type FittedMember, type TrainHooks, type TrainingData } from './fit-member.js';
import { fitMembersInWorkers } from './member-pool.js';

export { TrainingInterrupted, type EpochReport, type TrainHooks } from './fit-member.js';

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
  /**
   * Loss weight of the spam blocks of pages labelled spam all over, against other spam blocks
   * (1: alike). Such a page's blocks are spam by their page as much as by their text.
   */
  spamAllWeight: number;
  /**
   * A spam block on a page labelled spam all over is not trained on when this share of its
   * characters or more echoes the real clean training pages' text (clean-echoes.ts: scraped
   * sentences a spider pool's template is filled with); the spam-page rule flags it. Over 1: off.
   */
  spamAllCleanEcho: number;
  /** The spam-page rule recorded in the model's rollup (null: off). */
  wholePage: WholePageRule | null;
  /** The random-letter rule recorded in the model's rollup (null: off); left out when it flags more real dev clean pages than allowed. */
  randomLetters: RandomLetterRule | null;
  /** The link-table rule recorded in the model's rollup (null: off). */
  tableCells: TableCellRule | null;
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
  /**
   * Members fitted at once, each in a worker thread of its own (1: one after another in this
   * thread). A member's weights do not depend on where it was fitted.
   */
  jobs: number;
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
  // Off by default: under grouped cross-validation neither caught a real spam page, and the random-letter rule
  // flagged two more clean ones (docs/history.md, session 11). `train` records them when a caller asks.
  randomLetters: null,
  tableCells: null,
  longBlockChars: LONG_BLOCK_CHARS,
  spamAllMinChars: SPAM_ALL_MIN_CHARS,
  spamAllWeight: 1,
  spamAllCleanEcho: 2,
  steer: 'all',
  averageFrom: 3,
  members: 1,
  jobs: 1,
};

/** The settings a model was trained with (meta.training over the defaults): the recipe `eval --cv` retrains by. */
export function recipeOf(meta: Pick<ModelMeta, 'training'>): TrainSettings {
  return { ...DEFAULT_TRAIN, ...(meta.training as Partial<TrainSettings> | undefined), jobs: DEFAULT_TRAIN.jobs };
}

/** The settings as meta.json records them: all but `jobs` (where members were fitted does not change them). */
function recipeRecord(settings: TrainSettings): Record<string, unknown> {
  const { jobs: _jobs, ...recipe } = settings;
  return recipe;
}

/** The training blocks in flat arrays, in shared memory: worker threads that fit members read them without a copy. */
function flattenInputs(inputs: BlockInputs[], pages: PreparedPage[], width: number, spamAllMinChars: number, spamAllCleanEcho: number): BlockSet {
  const clean = spamAllCleanEcho <= 1 ? cleanPieces(pages) : null;
  const n = inputs.reduce((s, x) => s + x.n, 0);
  const nnz = inputs.reduce((s, x) => s + x.bagIds.length, 0);
  const shared = (bytes: number) => new SharedArrayBuffer(bytes);
  const set: BlockSet = {
    n,
    width,
    dense: new Float32Array(shared(n * width * 4)),
    offsets: new Int32Array(shared((n + 1) * 4)),
    ids: new Int32Array(shared(nnz * 4)),
    vals: new Float32Array(shared(nnz * 4)),
    target: new Float32Array(shared(n * 4)),
    skip: new Uint8Array(shared(n)),
    spamAll: new Uint8Array(shared(n)),
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
      if (pages[k].spamAll && pages[k].isSpam[i]) {
        set.spamAll[row + i] = 1;
        if (pages[k].chars[i] < spamAllMinChars) set.skip[row + i] = SKIP_SHORT;
        else if (clean !== null && cleanEchoShare(pages[k].texts[i] as string, clean) >= spamAllCleanEcho) set.skip[row + i] = SKIP_ECHO;
      }
    }
    row += x.n;
    at += x.bagIds.length;
  });
  return set;
}

/**
 * Whether the random-letter rule may join the rollup: with it, no more of the real dev clean
 * pages are flagged than without it, or than `maxFpr` of them (the threshold's own cap).
 */
export function checkRandomLetters(
  rollup: RollupSettings,
  rule: RandomLetterRule,
  realDev: readonly PreparedPage[],
  scores: (p: PreparedPage) => ArrayLike<number>,
  maxFpr: number,
): { ok: boolean; flagged: number; clean: number } {
  const clean = realDev.filter((p) => p.label === 'clean');
  const withRule: RollupSettings = { ...rollup, randomLetters: rule };
  // Facts read for the settings with the rule serve both: a rollup without it ignores them.
  const facts = clean.map((p) => blockFacts(p.matrix, p.selectors, withRule));
  const flagged = (r: RollupSettings): number => clean.filter((p, k) => rollupPage(scores(p), p.chars, r, 0, undefined, facts[k]).spam).length;
  const over = flagged(withRule);
  const ok = over <= Math.max(flagged(rollup), Math.floor(maxFpr * clean.length + 1e-9));
  return { ok, flagged: over, clean: clean.length };
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

/** The page rollup `train` records: thresholds and rules, chosen on scored pages. */
export interface RollupChoice {
  rollup: RollupSettings;
  choice: { precision: number; recall: number; reached: boolean };
  raisedForCleanPages: boolean;
}

/**
 * Chooses the rollup on scored pages: the block threshold for the precision asked over `steer`
 * pages, raised until at most settings.maxCleanPageFpr of the real clean pages of `realCheck`
 * are flagged; the long-block threshold the same way over long blocks; the title threshold
 * from clean titles' scores; the random-letter rule only when it flags no more clean pages.
 * Train calls it with dev pages scored by the trained model, or with every real page scored
 * by the cross-validation model that did not train on it.
 */
export function chooseRollup(
  steer: readonly PreparedPage[],
  blockScores: (p: PreparedPage) => ArrayLike<number>,
  realCheck: readonly PreparedPage[],
  cleanTitleScores: readonly number[],
  settings: TrainSettings,
  hooks: Pick<TrainHooks, 'log'> = {},
): RollupChoice {
  const realDev = realCheck.filter((p) => !p.synthetic);
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
  const titleThreshold = chooseTitleThreshold(cleanTitleScores);
  const rollup: RollupSettings = {
    threshold,
    minChars: settings.minChars,
    ...(titleThreshold === undefined ? {} : { titleThreshold }),
    ...(settings.wholePage === null ? {} : { wholePage: settings.wholePage }),
    ...(longBlocks === undefined ? {} : { longBlocks }),
    ...(settings.tableCells === null ? {} : { tableCells: settings.tableCells }),
  };
  if (settings.randomLetters !== null) {
    const check = checkRandomLetters(rollup, settings.randomLetters, realDev, blockScores, settings.maxCleanPageFpr);
    if (check.ok) rollup.randomLetters = settings.randomLetters;
    else hooks.log?.(`random-letter rule off: it flags ${check.flagged} of ${check.clean} real dev clean pages`);
  }
  if (settings.maxCleanPageFpr < 1 && capWholeRollup(rollup, realDev, blockScores, settings.maxCleanPageFpr)) {
    hooks.log?.(`block thresholds raised to ${rollup.threshold.toFixed(4)} so that the whole rollup flags at most ${(settings.maxCleanPageFpr * 100).toFixed(1)}% of real clean pages`);
    raisedForCleanPages = true;
  }
  return { rollup, choice, raisedForCleanPages };
}

/**
 * The last cap, over the whole rollup (every rule, as the scorer runs it): while more than
 * maxFpr of the real clean pages are flagged, the block and long-block thresholds are raised
 * together to the next score found on a flagged clean page. Returns whether it raised them.
 */
export function capWholeRollup(
  rollup: RollupSettings,
  real: readonly PreparedPage[],
  blockScores: (p: PreparedPage) => ArrayLike<number>,
  maxFpr: number,
): boolean {
  const clean = real.filter((p) => p.label === 'clean');
  const allowed = Math.floor(maxFpr * clean.length + 1e-9);
  const facts = clean.map((p) => blockFacts(p.matrix, p.selectors, rollup));
  const flaggedAt = (r: RollupSettings) =>
    clean.filter((p, k) => rollupPage(blockScores(p), p.chars, r, 0, (i) => p.furniture[i], facts[k]).spam);
  const flagged = flaggedAt(rollup);
  if (flagged.length <= allowed) return false;
  const floor = (t: number): RollupSettings => ({
    ...rollup,
    threshold: Math.max(rollup.threshold, t),
    ...(rollup.longBlocks ? { longBlocks: { ...rollup.longBlocks, threshold: Math.max(rollup.longBlocks.threshold, t) } } : {}),
  });
  const candidates = [...new Set(flagged.flatMap((p) => Array.from(blockScores(p))))].filter((t) => t > Math.min(rollup.threshold, rollup.longBlocks?.threshold ?? 1)).sort((a, b) => a - b);
  // Flagged pages only fall as the floor rises: the lowest candidate that keeps to the cap, by bisection.
  const at = (j: number): RollupSettings => floor(j < candidates.length ? Math.min(1, candidates[j] + 1e-6) : 1);
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (flaggedAt(at(mid)).length <= allowed) hi = mid;
    else lo = mid + 1;
  }
  Object.assign(rollup, at(lo));
  return true;
}

/** Fits the members one after another in this thread, seeds settings.seed, settings.seed + 1, …; a failure frees those fitted. */
async function fitMembersHere(data: TrainingData, settings: TrainSettings, hooks: TrainHooks): Promise<FittedMember[]> {
  const fitted: FittedMember[] = [];
  try {
    for (let k = 0; k < settings.members; k++) fitted.push(await fitMember(data, settings, settings.seed + k, k + 1, hooks));
  } catch (err) {
    fitted.forEach((f) => f.model.dispose());
    throw err;
  }
  return fitted;
}

/** Scores of real pages by models that did not train on them (crossval.ts), to choose the rollup on. */
export interface HeldOutScores {
  pages: PreparedPage[];
  scores: Map<PreparedPage, ArrayLike<number>>;
  /** Title scores of the clean pages with a title. */
  titleScores: number[];
}

export interface TrainPagesOptions {
  /** Choose the rollup on these held-out scores instead of on dev. */
  calibration?: HeldOutScores;
}

/** Trains on prepared pages; dev pages (see settings.steer) steer early stopping and the threshold; real and synthetic dev metrics go to meta apart. */
export async function trainOnPages(
  train: PreparedPage[],
  dev: PreparedPage[],
  settings: TrainSettings,
  info: TrainInfo,
  hooks: TrainHooks = {},
  options: TrainPagesOptions = {},
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
    settings.spamAllCleanEcho,
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

  const positives: number[] = [];
  const cleanBlocks: number[] = [];
  let skipped = 0;
  let echoes = 0;
  for (let i = 0; i < set.n; i++) {
    if (set.skip[i] === SKIP_SHORT) skipped++;
    else if (set.skip[i] === SKIP_ECHO) echoes++;
    else (set.target[i] >= 0.5 ? positives : cleanBlocks).push(i);
  }
  if (skipped > 0) hooks.log?.(`${skipped} spam blocks under ${settings.spamAllMinChars} characters on pages labelled spam all over are left to the spam-page rule (not trained on)`);
  if (echoes > 0) hooks.log?.(`${echoes} spam blocks echoing clean pages' text on pages labelled spam all over are left to the spam-page rule (not trained on)`);
  const data: TrainingData = {
    width,
    network,
    set,
    positives: Int32Array.from(positives),
    cleanBlocks: Int32Array.from(cleanBlocks),
    steer,
    steerInputs,
  };
  const jobs = Math.min(settings.jobs, settings.members);
  const fitted = jobs > 1 ? await fitMembersInWorkers(data, settings, jobs, hooks) : await fitMembersHere(data, settings, hooks);
  const models = fitted.map((f) => f.model);
  const epochsRun = Math.max(...fitted.map((f) => f.epochsRun));
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

  const titleScore = (p: PreparedPage): number =>
    p.titleMatrix ? Math.max(0, ...scoreMembers(scoring, buildBlockInputs(p.titleMatrix, norm, network))) : 0;
  // The rollup is chosen on held-out scores when the caller has them (cross-validation), else on dev;
  // pages without a title (text pages, empty titles) say nothing about where clean titles score.
  const calib = options.calibration;
  const chosen = calib
    ? chooseRollup(calib.pages, (p) => calib.scores.get(p)!, calib.pages, calib.titleScores, settings, hooks)
    : chooseRollup(steer, blockScores, realDev, [...train, ...realDev].filter((p) => !p.synthetic && p.label === 'clean' && p.titleMatrix !== null).map(titleScore), settings, hooks);
  const { rollup, choice, raisedForCleanPages } = chosen;
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
    training: recipeRecord(settings),
  };
  return { models, scoring, meta };
}
