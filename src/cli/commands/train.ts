/** `seospam train --data DIR … --out models/NAME`: train a block model and save it when training finished. */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { progressFigures } from '../progress.js';
import { UsageError } from '../../errors.js';
import type { BackendName } from '../../model/backend.js';
import type { EpochReport } from '../../model/train.js';
import { EpochClock, fmt } from '../train-progress.js';

interface TrainFlags {
  data: string[];
  out: string;
  precision: string;
  maxCleanPageFpr: string;
  epochs?: string;
  seed?: string;
  members: string;
  jobs?: string;
  spamAllMinChars?: string;
  negativesPerPositive?: string;
  spamAllWeight?: string;
  spamAllCleanEcho?: string;
  backend?: string;
  steer: string;
  pageMax?: boolean;
  cv?: string;
  threshold?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function number(flag: string, value: string, ok: (n: number) => boolean, what: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || !ok(n)) throw new UsageError(`${flag} must be ${what}, not ${value}`);
  return n;
}

async function runTrain(flags: TrainFlags): Promise<void> {
  if (flags.data.length === 0) throw new UsageError('give at least one --data DIR');
  // Loaded here, not at CLI start: tfjs and the data stage only when training.
  const { parseBackendName } = await import('../../model/backend.js');
  const { TrainingInterrupted } = await import('../../model/train.js');
  const { trainModel } = await import('../../model/train-model.js');
  const precision = number('--precision', flags.precision, (n) => n > 0 && n <= 1, 'a number in (0, 1]');
  if (flags.steer !== 'all' && flags.steer !== 'real') throw new UsageError(`--steer must be all or real, not ${flags.steer}`);
  const { DEFAULT_NETWORK } = await import('../../model/network.js');
  const maxCleanPageFpr = number('--max-clean-page-fpr', flags.maxCleanPageFpr, (n) => n >= 0 && n <= 1, 'a number in [0, 1]');
  const settings: {
    precision: number;
    maxCleanPageFpr: number;
    epochs?: number;
    seed?: number;
    members: number;
    jobs: number;
    spamAllMinChars?: number;
    negativesPerPositive?: number;
    spamAllWeight?: number;
    spamAllCleanEcho?: number;
    steer: 'all' | 'real';
    network: typeof DEFAULT_NETWORK;
  } = {
    precision,
    members: number('--members', flags.members, (n) => Number.isInteger(n) && n >= 1 && n <= 16, 'an integer from 1 to 16'),
    jobs: flags.jobs === undefined ? availableParallelism() : number('--jobs', flags.jobs, (n) => Number.isInteger(n) && n >= 1 && n <= 64, 'an integer from 1 to 64'),
    maxCleanPageFpr,
    steer: flags.steer,
    network: { ...DEFAULT_NETWORK, pageMax: flags.pageMax === true },
  };
  if (flags.epochs !== undefined) settings.epochs = number('--epochs', flags.epochs, (n) => Number.isInteger(n) && n > 0, 'a positive integer');
  if (flags.spamAllMinChars !== undefined) {
    settings.spamAllMinChars = number('--spam-all-min-chars', flags.spamAllMinChars, (n) => Number.isInteger(n) && n >= 0, 'a whole number');
  }
  if (flags.negativesPerPositive !== undefined) {
    settings.negativesPerPositive = number('--negatives-per-positive', flags.negativesPerPositive, (n) => n > 0, 'a positive number');
  }
  if (flags.spamAllWeight !== undefined) {
    settings.spamAllWeight = number('--spam-all-weight', flags.spamAllWeight, (n) => n > 0, 'a positive number');
  }
  if (flags.spamAllCleanEcho !== undefined) {
    settings.spamAllCleanEcho = number('--spam-all-clean-echo', flags.spamAllCleanEcho, (n) => n > 0, 'a positive number (over 1: off)');
  }
  if (flags.seed !== undefined) settings.seed = number('--seed', flags.seed, Number.isInteger, 'an integer');
  const backend: BackendName | undefined = flags.backend ? parseBackendName(flags.backend) : undefined;

  const tty = process.stderr.isTTY === true;
  const clock = new EpochClock(Math.min(settings.jobs, settings.members));
  let bar: cliProgress.SingleBar | null = null;
  let training = false;
  let stop = false;
  const onSigint = () => {
    if (!training || stop) {
      // Nothing written yet, or a second interrupt: leave at once (saving is atomic).
      process.stderr.write(`\nseospam: interrupted; ${flags.out} left as it was\n`);
      process.exit(130);
    }
    stop = true;
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  let barStarted = 0;
  const say = (line: string) => {
    if (bar) bar.stop();
    bar = null;
    process.stderr.write(line + '\n');
  };
  try {
    const meta = await trainModel(
      {
        data: flags.data,
        out: flags.out,
        settings,
        backend,
        ...(flags.threshold === undefined ? {} : { threshold: number('--threshold', flags.threshold, (n) => n > 0 && n < 1, 'a number in (0, 1)') }),
        ...(flags.cv === undefined ? {} : { crossValidation: number('--cv', flags.cv, (n) => Number.isInteger(n) && n >= 2, 'a number of folds of 2 or more') }),
      },
      {
        log: say,
        shouldStop: () => stop,
        onBatch: (done, total) => {
          training = true;
          if (!tty) return;
          if (!bar) {
            bar = new cliProgress.SingleBar(
              { stream: process.stderr, format: 'epoch {epoch} [{bar}] {value}/{total} batches | {rate} batches/s | {left} left | {last}', hideCursor: true },
              cliProgress.Presets.shades_classic,
            );
            barStarted = performance.now();
            bar.start(total, 0, { epoch: '', last: '', ...progressFigures(0, total, 0) });
          }
          bar.update(done, progressFigures(done, total, (performance.now() - barStarted) / 1000));
        },
        onEpoch: (e: EpochReport) => {
          const line = clock.line(e);
          if (bar) {
            bar.update({ epoch: String(e.epoch + 1), last: line });
            bar.stop();
            bar = null;
          }
          process.stderr.write(line + '\n');
        },
      },
    );
    const dev = meta.dev;
    process.stderr.write(
      `${flags.out}: saved; ${(meta.members ?? 1) > 1 ? `${meta.members} networks, up to ` : ''}${meta.epochs} epochs on ${meta.backend}, threshold ${meta.rollup.threshold.toFixed(4)}` +
        (dev ? `; real dev: block F1 ${fmt(dev.blockF1)}, PR-AUC ${fmt(dev.prAuc)}, clean-page FPR ${fmt(dev.cleanPageFpr)}` : '') +
        '\n',
    );
  } catch (err) {
    if (err instanceof TrainingInterrupted) {
      say(`seospam: training interrupted; ${flags.out} left as it was`);
      process.exitCode = 130;
      return;
    }
    throw err;
  } finally {
    (bar as cliProgress.SingleBar | null)?.stop();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

/** Registers `train` on the program. */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('Train a block model from labeled corpora and save it to a model folder (only when training finished).')
    .requiredOption('--data <dir>', 'labeled corpus folder (repeatable): train split fits, dev split stops and sets the threshold', collect, [])
    .requiredOption('--out <dir>', 'model folder to write, e.g. models/default')
    .option('--threshold <t>', 'the block threshold to record when no dev pages can choose it (training without dev pages or --cv is refused otherwise)')
    .option('--cv <k>', "train on every real page of both splits and choose the thresholds on each page's score from a grouped k-fold cross-validation model that never saw its site")
    .option('--precision <p>', 'block precision the threshold must reach on dev pages', '0.99')
    .option('--max-clean-page-fpr <share>', 'share of real dev clean pages the threshold may flag at most (1: no cap)', '0.01')
    .option('--epochs <n>', 'most epochs (early stopping may end sooner)')
    .option('--seed <n>', 'random seed (same seed, data and backend: same model)')
    .option('--members <n>', 'networks to train from seeds seed, seed + 1, …; blocks score by their mean logit (an ensemble)', '1')
    .option('--jobs <n>', 'networks of an ensemble fitted at once, each in a worker thread (default: the cores; the same model either way)')
    .option('--backend <name>', 'tfjs backend: node, wasm or cpu (default: the best that loads)')
    .option('--page-max', "also feed each block the page's maximum of every feature (off: a page-wide input let small clean pages score as spam)")
    .option('--spam-all-min-chars <n>', 'spam blocks shorter than this on pages labelled spam all over are not trained on; the spam-page rule flags them (default 20)')
    .option('--negatives-per-positive <n>', 'clean blocks sampled per spam block each epoch (default 4; at least 20,000)')
    .option('--spam-all-weight <w>', 'loss weight of spam blocks on pages labelled spam all over, against other spam blocks (default 1)')
    .option('--spam-all-clean-echo <share>', "spam blocks on pages labelled spam all over whose text is this share or more the real clean train pages' (scraped sentences) are not trained on (default 2: off)")
    .option('--steer <pages>', 'dev pages for early stopping and the threshold: all (real + synthetic) or real', 'all')
    .action(async (flags: TrainFlags) => runTrain(flags));
}
